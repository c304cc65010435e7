import { EXAMPLE_TRADE } from '@tradeflow/contract';
import { type AppProcess, type NatsServerHandle, spawnApp, startNatsServer, untilHealthy } from '@tradeflow/testing';
import Ajv2020 from 'ajv/dist/2020';
import { answerPointer, type ApiDocument, at, fetchDocument } from './spec-helpers';

// Every answer of both routes, provoked from the built ingest on a real nats-server (rate limits
// on, 3 trades of a user at most, BATCH_MAX_ITEMS 4), against what GET /docs-json says of it: a
// documented status, a body of the documented schema, Retry-After where the document says it is
// sent; and every documented answer is provoked. The 503s come last, with nats-server stopped.

const DOCUMENT_ID = 'https://ingest.invalid/docs-json';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

let server: NatsServerHandle;
let ingest: AppProcess;
let document: ApiDocument;
let ajv: Ajv2020;
/** Each route's statuses seen so far. */
const provoked: Record<string, Set<string>> = { '/transactions': new Set(), '/transactions/batch': new Set() };

beforeAll(async () => {
  server = await startNatsServer();
  ingest = await spawnApp('ingest', {
    NATS_URL: server.url,
    RATE_LIMIT: 'on',
    RATE_LIMIT_USER_BURST: '3',
    RATE_LIMIT_USER_PER_SECOND: '0.01',
    BATCH_MAX_ITEMS: '4',
  });
  await untilHealthy(ingest.url, { timeoutMs: 20_000, alive: ingest.running, context: ingest.output });
  document = await fetchDocument(ingest.url);
  // The document's schemas are JSON Schema 2020-12 (OpenAPI 3.1), their $refs pointers into it.
  ajv = new Ajv2020({ strict: false, allErrors: true, formats: { uuid: UUID } });
  ajv.addSchema({ ...document, $id: DOCUMENT_ID });
});

afterAll(async () => {
  await ingest?.stop();
  await server?.dispose();
});

/** Sends a request and checks its answer against the document; resolves to the answer. */
async function send(path: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${ingest.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const answer = {
    status: response.status,
    retryAfter: response.headers.get('retry-after'),
    body: (await response.json()) as Record<string, unknown>,
  };
  const status = String(answer.status);
  const documented = answerPointer(document, path, status);
  expect([path, status, at(document, documented)]).toEqual([path, status, expect.anything()]);
  const schema = `${DOCUMENT_ID}#${documented}/content/application~1json/schema`;
  const check = ajv.getSchema(schema) ?? ajv.compile({ $ref: schema });
  expect({ status, valid: check(answer.body), errors: check.errors ?? null }).toEqual({
    status,
    valid: true,
    errors: null,
  });
  expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
  if (answer.retryAfter !== null) {
    expect(at(document, documented).headers).toHaveProperty('Retry-After');
    expect(Number(answer.retryAfter)).toBeGreaterThanOrEqual(1);
  }
  provoked[path].add(status);
  return answer;
}

const trade = (userId: string, changes: Record<string, unknown> = {}) => ({ ...EXAMPLE_TRADE, userId, ...changes });
const invalid = (userId: string) => trade(userId, { rate: 0 });

describe.each([
  ['/transactions', (userId: string) => trade(userId), (userId: string) => invalid(userId)],
  ['/transactions/batch', (userId: string) => [trade(userId)], (userId: string) => [invalid(userId)]],
])('POST %s answers as documented', (path, valid, refused) => {
  const user = (name: string) => `${name}${path.length}`;

  test('202', async () => {
    expect((await send(path, valid(user('accepted')))).status).toBe(202);
  });

  test('400: a trade that breaks a rule, no JSON, a malformed Idempotency-Key', async () => {
    const answers = [
      await send(path, refused(user('refused'))),
      await send(path, '{"userId":'),
      await send(path, valid(user('badkey')), { 'idempotency-key': 'a b' }),
    ];
    expect(answers.map((answer) => answer.status)).toEqual([400, 400, 400]);
  });

  test('409: an Idempotency-Key used again for another trade', async () => {
    const key = { 'idempotency-key': `conflict-${path}` };
    expect((await send(path, valid(user('first')), key)).status).toBe(202);
    expect((await send(path, valid(user('second')), key)).status).toBe(409);
  });

  test('413: a body over its limit', async () => {
    const body = `${JSON.stringify(valid(user('large')))}${' '.repeat(1024 * 1024 + 1)}`;
    expect((await send(path, body)).status).toBe(413);
  });

  test('415: a body that is no JSON', async () => {
    expect((await send(path, 'userId=1', { 'content-type': 'application/x-www-form-urlencoded' })).status).toBe(415);
  });

  test('429 with Retry-After: more trades of a user than its limit lets through', async () => {
    for (let i = 0; i < 3; i++) await send(path, valid(user('busy')));
    const answer = await send(path, valid(user('busy')));
    expect([answer.status, answer.retryAfter]).toEqual([429, expect.stringMatching(/^\d+$/)]);
  });
});

describe('POST /transactions/batch answers as documented', () => {
  test('400: no trade valid, and no batch at all', async () => {
    const answers = [await send('/transactions/batch', [invalid('none-valid')]), await send('/transactions/batch', {})];
    expect(answers.map((answer) => answer.status)).toEqual([400, 400]);
    expect(answers[0].body.accepted).toEqual([]);
  });

  test('413: more trades than BATCH_MAX_ITEMS', async () => {
    const batch = ['many-1', 'many-2', 'many-3', 'many-4', 'many-5'].map((userId) => trade(userId));
    expect((await send('/transactions/batch', batch)).status).toBe(413);
  });

  test('429 without Retry-After: more trades of one user than ever fit', async () => {
    const answer = await send('/transactions/batch', [trade('never'), trade('never'), trade('never'), trade('never')]);
    expect([answer.status, answer.retryAfter]).toEqual([429, null]);
  });
});

describe('with nats-server stopped', () => {
  beforeAll(async () => {
    await server.stop();
  });

  test.each([
    ['/transactions', trade('unstored')],
    ['/transactions/batch', [trade('unstored'), invalid('unstored')]],
  ])('POST %s answers 503 with Retry-After, as documented', async (path, body) => {
    const answer = await send(path, body);
    expect([answer.status, answer.retryAfter]).toEqual([503, expect.stringMatching(/^\d+$/)]);
  });

  test('the batch route says which trades were not stored', async () => {
    const { body } = await send('/transactions/batch', [trade('unstored-2'), invalid('unstored-2')]);
    expect(body).toMatchObject({ accepted: [], rejected: [{ index: 1 }], failed: [{ index: 0 }] });
  });
});

test('every documented answer of both routes was provoked', () => {
  for (const [path, statuses] of Object.entries(provoked)) {
    expect([path, [...statuses].sort()]).toEqual([path, Object.keys(document.paths[path].post.responses).sort()]);
  }
});
