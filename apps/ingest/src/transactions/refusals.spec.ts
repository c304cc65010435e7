import { EXAMPLE_TRADE } from '@tradeflow/contract';
import { type AppOnNats, eventually, startAppOnNats, streamContents } from '@tradeflow/testing';
import { STREAMS } from '@tradeflow/topology';
import { parseJson } from '@tradeflow/trade';
import { connect, type NatsConnection } from 'nats';

// What each refusal answers, to the byte, on both routes (POST /transactions is served ahead of
// Nest, the batch route within it), and what REJECTED keeps of it.
let stack: AppOnNats;
let nc: NatsConnection;

beforeAll(async () => {
  stack = await startAppOnNats(() => import('../app/app.module').then((m) => m.AppModule), { BATCH_MAX_ITEMS: '2' });
  nc = await connect({ servers: stack.server.url });
});

afterAll(async () => {
  await nc?.close();
  await stack?.dispose();
});

const send = async (path: string, body: string, headers: Record<string, string> = {}) => {
  const response = await fetch(`${stack.app.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
  return {
    status: response.status,
    type: response.headers.get('content-type'),
    retryAfter: response.headers.get('retry-after'),
    text: await response.text(),
  };
};

const trade = JSON.stringify(EXAMPLE_TRADE);
const malformedMessage = (text: string) => (parseJson(text) as { message: string }).message;
/** Nest's body of an HTTP exception, as the body parser's refusals have it. */
const nestError = (statusCode: number, error: string, message: string) =>
  JSON.stringify({ message, error, statusCode });
const invalid = (message: string, errors: object[]) =>
  JSON.stringify({ statusCode: 400, error: 'Bad Request', message, errors });

const rejectedRecords = () =>
  streamContents<{ source: string; errors: object[]; payload: string }>(nc, STREAMS.rejected).then((records) =>
    records.map((record) => record.data),
  );

describe.each([
  ['/transactions', trade],
  ['/transactions/batch', `[${trade}]`],
])('POST %s', (path, valid) => {
  test.each<[string, string, Record<string, string>, number, string]>([
    ['malformed JSON', '{"a":', {}, 400, nestError(400, 'Bad Request', malformedMessage('{"a":'))],
    ['an empty body', '', {}, 400, nestError(400, 'Bad Request', malformedMessage(''))],
    [
      'a malformed Idempotency-Key',
      valid,
      { 'idempotency-key': 'a b' },
      400,
      invalid('invalid Idempotency-Key header', [
        { field: 'Idempotency-Key', message: 'Idempotency-Key must be 1 to 255 visible ASCII characters' },
      ]),
    ],
    [
      'malformed JSON before a malformed Idempotency-Key',
      '{',
      { 'idempotency-key': 'a b' },
      400,
      nestError(400, 'Bad Request', malformedMessage('{')),
    ],
    [
      'text/plain',
      valid,
      { 'content-type': 'text/plain' },
      415,
      nestError(415, 'Unsupported Media Type', 'content type text/plain is not accepted: send application/json'),
    ],
    [
      'JSON in latin1',
      valid,
      { 'content-type': 'application/json; charset=latin1' },
      415,
      nestError(415, 'Unsupported Media Type', 'charset latin1 is not accepted: send JSON in UTF-8'),
    ],
    [
      'a body over its limit',
      path.endsWith('batch') ? `[${trade}${' '.repeat(1024 * 1024)}]` : trade + ' '.repeat(64 * 1024),
      {},
      413,
      nestError(
        413,
        'Payload Too Large',
        `body is larger than ${path.endsWith('batch') ? 1024 * 1024 : 64 * 1024} bytes`,
      ),
    ],
  ])('answers %s as the other route does', async (_, body, headers, status, text) => {
    expect(await send(path, body, headers)).toEqual({
      status,
      type: 'application/json; charset=utf-8',
      retryAfter: null,
      text,
    });
  });

  test.each(['utf-8', 'UTF-8', '"utf-8"', 'utf8'])('takes JSON declared as charset=%s', async (charset) => {
    expect((await send(path, valid, { 'content-type': `application/json; charset=${charset}` })).status).toBe(202);
  });

  test('keeps malformed JSON in REJECTED as it came', async () => {
    const body = `{"malformed on ${path}":`;
    expect((await send(path, body)).status).toBe(400);
    await eventually(async () =>
      expect(await rejectedRecords()).toContainEqual({
        id: expect.any(String),
        source: 'http',
        receivedAt: expect.any(String),
        errors: [{ field: '', message: malformedMessage(body) }],
        payload: body,
      }),
    );
  });
});

describe('POST /transactions', () => {
  test('answers 202 with the id alone', async () => {
    const { status, text } = await send('/transactions', trade);
    expect(status).toBe(202);
    expect(text).toMatch(/^\{"id":"[0-9a-f-]{36}"\}$/);
  });

  test('answers an invalid trade with each field and why', async () => {
    const answer = await send('/transactions', JSON.stringify({ ...EXAMPLE_TRADE, rate: 0 }));
    expect(answer.status).toBe(400);
    expect(answer.text).toBe(invalid('invalid trade', [{ field: 'rate', message: 'rate must be greater than 0' }]));
  });
});

describe('POST /transactions/batch', () => {
  test('answers 202 with each trade accepted, rejected or failed, and keeps the rejected in REJECTED', async () => {
    const refusedTrade = { ...EXAMPLE_TRADE, userId: 'refused-in-a-batch', currencyTo: 'EUR' };
    const { status, text } = await send('/transactions/batch', JSON.stringify([EXAMPLE_TRADE, refusedTrade]));
    expect(status).toBe(202);
    expect(text).toMatch(
      /^\{"accepted":\[\{"index":0,"id":"[0-9a-f-]{36}"\}\],"rejected":\[\{"index":1,"errors":\[\{"field":"currencyTo","message":"currencyTo must differ from currencyFrom"\}\]\}\],"failed":\[\]\}$/,
    );
    await eventually(async () =>
      expect(await rejectedRecords()).toContainEqual(
        expect.objectContaining({ source: 'http', payload: JSON.stringify(refusedTrade) }),
      ),
    );
  });

  test('answers 400 with the list when no trade is valid', async () => {
    const { status, text } = await send('/transactions/batch', '[{}]');
    expect(status).toBe(400);
    expect(text).toMatch(/^\{"accepted":\[\],"rejected":\[\{"index":0,"errors":\[.*\]\}\],"failed":\[\]\}$/);
  });

  test.each([
    ['an object', trade],
    ['an empty array', '[]'],
  ])('answers %s as no batch', async (_, body) => {
    const answer = await send('/transactions/batch', body);
    expect(answer.status).toBe(400);
    expect(answer.text).toBe(
      invalid('invalid batch', [{ field: '', message: 'a batch must be a non-empty JSON array of trades' }]),
    );
  });

  test('answers more trades than BATCH_MAX_ITEMS with 413', async () => {
    const answer = await send('/transactions/batch', `[${trade},${trade},${trade}]`);
    expect(answer.status).toBe(413);
    expect(answer.text).toBe(nestError(413, 'Payload Too Large', 'a batch holds at most 2 trades, not 3'));
  });
});
