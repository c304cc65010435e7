import { EXAMPLE_TRADE as REFERENCE_TRADE, type Trade } from '@tradeflow/contract';
import {
  type AppOnNats,
  eventually,
  postJson,
  type RunningApp,
  startAppOnNats,
  streamContents,
} from '@tradeflow/testing';
import { acceptedSubject, partitionOf, STREAMS } from '@tradeflow/topology';
import { connect, type NatsConnection } from 'nats';

// POST /transactions and /transactions/batch against a real nats-server: what is answered, and
// what JetStream holds afterwards.
let stack: AppOnNats;
let ingest: RunningApp;
let nc: NatsConnection;

beforeAll(async () => {
  stack = await startAppOnNats(() => import('../app/app.module').then((m) => m.AppModule), {
    BATCH_MAX_ITEMS: '5',
    BATCH_BODY_LIMIT_BYTES: String(128 * 1024),
  });
  ingest = stack.app;
  nc = await connect({ servers: stack.server.url });
});

afterAll(async () => {
  await nc?.close();
  await stack?.dispose();
});

const post = (path: string, body: unknown, headers?: Record<string, string>) =>
  postJson(`${ingest.url}${path}`, body, headers);

const stored = () => streamContents<Trade>(nc, STREAMS.transactions);
const storedIds = async () => (await stored()).map((message) => message.data.id);

describe('POST /transactions', () => {
  test('answers 202 with an id once the trade is stored, in canonical form on its partition', async () => {
    const response = await post('/transactions', REFERENCE_TRADE);
    expect(response.status).toBe(202);
    const { id } = response.body;
    const message = (await stored()).find((candidate) => candidate.data.id === id);
    expect(message?.subject).toBe(acceptedSubject(partitionOf(REFERENCE_TRADE.userId, 4)));
    expect(message?.headers['Nats-Msg-Id']).toBe(id);
    expect(message?.data).toEqual({
      id,
      ...REFERENCE_TRADE,
      timePlacedIso: '2018-01-24T10:27:44.000Z',
      receivedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
    });
  });

  test('accepts a JSON content type with a charset', async () => {
    const response = await post('/transactions', REFERENCE_TRADE, {
      'content-type': 'application/json; charset=utf-8',
    });
    expect(response.status).toBe(202);
  });

  test('stores a trade once per Idempotency-Key and answers every retry with the same id', async () => {
    const first = (await post('/transactions', REFERENCE_TRADE, { 'idempotency-key': 'order-17' })).body;
    const again = await post('/transactions', REFERENCE_TRADE, { 'idempotency-key': 'order-17' });
    expect(again.status).toBe(202);
    expect(again.body.id).toBe(first.id);
    const other = (await post('/transactions', REFERENCE_TRADE, { 'idempotency-key': 'order-18' })).body;
    expect(other.id).not.toBe(first.id);
    const ids = await storedIds();
    expect(ids.filter((id) => id === first.id)).toHaveLength(1);
    expect(ids).toContain(other.id);
  });

  test('refuses a malformed Idempotency-Key, naming the header', async () => {
    const response = await post('/transactions', REFERENCE_TRADE, { 'idempotency-key': 'has space' });
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([
      { field: 'Idempotency-Key', message: expect.stringContaining('Idempotency-Key') },
    ]);
  });

  test('refuses an invalid trade with 400 naming each field, and stores nothing', async () => {
    const before = (await stored()).length;
    const response = await post('/transactions', { ...REFERENCE_TRADE, amountSell: '1000', originatingCountry: 'XX' });
    expect(response.status).toBe(400);
    expect(response.body).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      message: 'invalid trade',
      errors: [
        { field: 'amountSell', message: 'amountSell must be a finite JSON number' },
        {
          field: 'originatingCountry',
          message: 'originatingCountry must be an assigned ISO 3166-1 alpha-2 country code',
        },
      ],
    });
    expect((await stored()).length).toBe(before);
  });

  test('keeps each refused trade in REJECTED, for inspection and the refused count', async () => {
    const trade = { ...REFERENCE_TRADE, userId: 'refused-over-http', rate: -1 };
    expect((await post('/transactions', trade)).status).toBe(400);
    await eventually(async () => {
      const records = await streamContents<{ source: string; payload: string; errors: unknown[] }>(
        nc,
        STREAMS.rejected,
      );
      const record = records.find((message) => message.data.payload.includes('refused-over-http'));
      expect(record?.data).toMatchObject({
        source: 'http',
        errors: [{ field: 'rate', message: 'rate must be greater than 0' }],
      });
    });
  });

  test.each([
    ['malformed JSON', '{"userId": "1",', /body is not valid JSON/],
    ['an empty body', '', /body is not valid JSON/],
    ['an array', JSON.stringify([REFERENCE_TRADE]), /a trade must be a JSON object/],
    ['a string', '"trade"', /a trade must be a JSON object/],
  ])('refuses %s with 400', async (_, body, message) => {
    const response = await post('/transactions', body);
    expect(response.status).toBe(400);
    const answer = response.body;
    expect(JSON.stringify(answer)).toMatch(message);
  });

  test('refuses a __proto__ key, naming it', async () => {
    const response = await post(
      '/transactions',
      `{"__proto__":{"admin":true},${JSON.stringify(REFERENCE_TRADE).slice(1)}`,
    );
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([{ field: '__proto__', message: '__proto__ is not a trade field' }]);
  });

  test('refuses a body over 64 KiB with 413', async () => {
    const response = await post('/transactions', { ...REFERENCE_TRADE, padding: 'x'.repeat(64 * 1024) });
    expect(response.status).toBe(413);
    expect(response.body.message).toBe('body is larger than 65536 bytes');
  });

  test.each(['text/plain', 'application/x-www-form-urlencoded'])('refuses %s with 415', async (type) => {
    const response = await post('/transactions', JSON.stringify(REFERENCE_TRADE), { 'content-type': type });
    expect(response.status).toBe(415);
    expect(response.body.message).toBe(`content type ${type} is not accepted: send application/json`);
  });
});

describe('POST /transactions/batch', () => {
  test('stores the valid trades and lists each refused one with its index and errors', async () => {
    const response = await post('/transactions/batch', [
      REFERENCE_TRADE,
      { ...REFERENCE_TRADE, currencyTo: 'EUR' },
      { ...REFERENCE_TRADE, userId: 'batch-user' },
    ]);
    expect(response.status).toBe(202);
    const result = response.body;
    expect(result.accepted.map((item: { index: number }) => item.index)).toEqual([0, 2]);
    expect(result.rejected).toEqual([
      { index: 1, errors: [{ field: 'currencyTo', message: 'currencyTo must differ from currencyFrom' }] },
    ]);
    expect(result.failed).toEqual([]);
    const ids = await storedIds();
    for (const { id } of result.accepted) expect(ids).toContain(id);
  });

  test('stores a retried batch once when it carries an Idempotency-Key', async () => {
    const batch = [REFERENCE_TRADE, { ...REFERENCE_TRADE, userId: 'other' }];
    const first = (await post('/transactions/batch', batch, { 'idempotency-key': 'batch-9' })).body;
    const again = (await post('/transactions/batch', batch, { 'idempotency-key': 'batch-9' })).body;
    expect(again.accepted).toEqual(first.accepted);
    expect(new Set(first.accepted.map((item: { id: string }) => item.id)).size).toBe(2);
    const ids = await storedIds();
    for (const { id } of first.accepted) expect(ids.filter((stored) => stored === id)).toHaveLength(1);
  });

  test('answers 400 when no trade is valid', async () => {
    const response = await post('/transactions/batch', [{}, { ...REFERENCE_TRADE, rate: 0 }]);
    expect(response.status).toBe(400);
    const result = response.body;
    expect(result.accepted).toEqual([]);
    expect(result.rejected.map((item: { index: number }) => item.index)).toEqual([0, 1]);
  });

  test.each([
    ['an object', REFERENCE_TRADE],
    ['an empty array', []],
  ])('refuses %s with 400', async (_, body) => {
    const response = await post('/transactions/batch', body);
    expect(response.status).toBe(400);
    expect(response.body.errors[0].message).toBe('a batch must be a non-empty JSON array of trades');
  });

  test('refuses more trades than BATCH_MAX_ITEMS with 413', async () => {
    const response = await post('/transactions/batch', new Array(6).fill(REFERENCE_TRADE));
    expect(response.status).toBe(413);
    expect(response.body.message).toBe('a batch holds at most 5 trades, not 6');
  });

  test('takes a body over the single-trade limit, up to its own limit', async () => {
    const padded = { ...REFERENCE_TRADE, timePlaced: '24-JAN-18 10:27:44' };
    const batch = new Array(5)
      .fill(padded)
      .map((trade, index) => ({ ...trade, userId: `u${index}${'x'.repeat(60)}`.slice(0, 64) }));
    const big = JSON.stringify(batch) + ' '.repeat(70 * 1024);
    expect((await post('/transactions/batch', big)).status).toBe(202);
    expect((await post('/transactions/batch', big + ' '.repeat(64 * 1024))).status).toBe(413);
  });
});
