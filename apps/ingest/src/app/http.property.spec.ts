import { EXAMPLE_TRADE, TRADE_FIELDS, type Trade } from '@tradeflow/contract';
import {
  type AppProcess,
  type NatsServerHandle,
  spawnApp,
  startNatsServer,
  streamContents,
  untilHealthy,
} from '@tradeflow/testing';
import { STREAMS } from '@tradeflow/topology';
import fc from 'fast-check';
import { connect, type NatsConnection } from 'nats';

// Properties of both HTTP routes, against the built ingest on a real nats-server: whatever body a
// client sends, the answer is a 202 with the trade stored exactly once, or a 4xx that says why
// (a refused trade names its fields), never a 5xx while the broker is up; and ingest keeps
// running. On a failure fast-check prints the seed and path that replay it.
let server: NatsServerHandle;
let ingest: AppProcess;
let nc: NatsConnection;
/** The id of every trade answered 202. */
const acceptedIds: string[] = [];

beforeAll(async () => {
  server = await startNatsServer();
  ingest = await spawnApp('ingest', { NATS_URL: server.url });
  await untilHealthy(ingest.url, { timeoutMs: 20_000, alive: ingest.running, context: ingest.output });
  nc = await connect({ servers: server.url });
});

afterAll(async () => {
  await nc?.close();
  await ingest?.stop();
  await server?.dispose();
});

const RUNS = { numRuns: 150 };
const ROUTES = ['/transactions', '/transactions/batch'];

type Field = (typeof TRADE_FIELDS)[number];

/** A valid trade: the example's, with a user and an amount of its own (amountBuy in cents, within 1%). */
const validTrade = fc
  .record({ userId: fc.stringMatching(/^[A-Za-z0-9_-]{1,64}$/), cents: fc.integer({ min: 100, max: 1e12 }) })
  .map(({ userId, cents }) => ({
    ...EXAMPLE_TRADE,
    userId,
    amountSell: cents / 100,
    amountBuy: Math.round(cents * EXAMPLE_TRADE.rate) / 100,
  }));

/** The fields a refusal may name when `field` is changed: itself, and those checked against it. */
const BLAMED: Record<Field, string[]> = {
  userId: ['userId'],
  currencyFrom: ['currencyFrom', 'currencyTo', 'amountSell'],
  currencyTo: ['currencyTo', 'amountBuy'],
  amountSell: ['amountSell', 'amountBuy'],
  amountBuy: ['amountBuy'],
  rate: ['rate', 'amountBuy'],
  timePlaced: ['timePlaced'],
  originatingCountry: ['originatingCountry'],
};

/**
 * A trade's JSON text, changed in one way or none: the fields a refusal may name (none: it must be
 * accepted), and whether it may be accepted (a changed value may happen to be valid).
 */
interface NearValid {
  text: string;
  blamed: string[];
  acceptable: boolean;
}

const nearValid: fc.Arbitrary<NearValid> = fc.oneof(
  validTrade.map((trade) => ({ text: JSON.stringify(trade), blamed: [], acceptable: true })),
  fc.tuple(validTrade, fc.constantFrom(...TRADE_FIELDS), fc.jsonValue()).map(([trade, field, value]) => ({
    text: JSON.stringify({ ...trade, [field]: value }),
    blamed: BLAMED[field],
    acceptable: true,
  })),
  fc.tuple(validTrade, fc.constantFrom(...TRADE_FIELDS)).map(([trade, field]) => {
    const { [field]: _removed, ...rest } = trade;
    return { text: JSON.stringify(rest), blamed: [field], acceptable: false };
  }),
  fc
    .tuple(validTrade, fc.string({ minLength: 1 }), fc.jsonValue())
    .filter(([, key]) => !(TRADE_FIELDS as readonly string[]).includes(key))
    .map(([trade, key, value]) => ({
      text: JSON.stringify({ ...trade, [key]: value }),
      blamed: [key],
      acceptable: false,
    })),
  fc.tuple(validTrade, fc.constantFrom(...TRADE_FIELDS), fc.jsonValue()).map(([trade, field, first]) => ({
    text: `{${JSON.stringify(field)}:${JSON.stringify(first)},${JSON.stringify(trade).slice(1)}`,
    blamed: [field],
    acceptable: false,
  })),
);

/** Bodies of any kind: text, JSON of any shape, a trade's JSON cut or nested, under several content types. */
const anyBody = fc.record({
  text: fc.oneof(
    fc.string({ unit: 'binary' }),
    fc.json(),
    nearValid.map(({ text }) => text),
    fc.tuple(validTrade, fc.nat()).map(([trade, at]) => JSON.stringify(trade).slice(0, at)),
    fc
      .tuple(validTrade, fc.integer({ min: 1, max: 10_000 }))
      .map(([trade, depth]) => '['.repeat(depth) + JSON.stringify(trade) + ']'.repeat(depth)),
  ),
  contentType: fc.constantFrom(
    'application/json',
    'application/json; charset=utf-8',
    'application/json; charset=latin1',
    'application/merge-patch+json',
    'text/plain',
  ),
});

interface BatchItems {
  accepted: { index: number; id: string }[];
  rejected: { index: number; errors: { field: string }[] }[];
}

interface Answer {
  status: number;
  body: Record<string, unknown>;
}

const post = async (path: string, text: string, contentType = 'application/json'): Promise<Answer> => {
  const response = await fetch(`${ingest.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': contentType },
    body: text,
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};

/** The ids of the trades an answer says are stored. */
function storedIds({ status, body }: Answer): string[] {
  if (status !== 202) return [];
  const items = body.accepted as { id: string }[] | undefined;
  return items ? items.map(({ id }) => id) : [body.id as string];
}

/** A 202, or a 4xx whose body says which status and why; never a 5xx. */
function expectAnsweredWell(answer: Answer): void {
  acceptedIds.push(...storedIds(answer));
  if (answer.status === 202) return;
  expect(answer.status).toBeGreaterThanOrEqual(400);
  expect(answer.status).toBeLessThan(500);
  const { statusCode, message, rejected } = answer.body;
  if (rejected === undefined)
    expect({ statusCode, message: typeof message }).toEqual({ statusCode: answer.status, message: 'string' });
}

/** A refusal's errors name at least one field, and only fields that the change may break. */
function expectNamed(errors: { field: string }[] | undefined, blamed: string[]): void {
  const named = (errors ?? []).map(({ field }) => field);
  expect(named.length).toBeGreaterThan(0);
  expect(blamed).toEqual(expect.arrayContaining(named));
}

describe('POST /transactions', () => {
  it('answers a trade, changed in one way or none, with 202 or a 400 naming what the change broke', async () => {
    await fc.assert(
      fc.asyncProperty(nearValid, async ({ text, blamed, acceptable }) => {
        const answer = await post('/transactions', text);
        expectAnsweredWell(answer);
        if (answer.status === 202) return expect(acceptable).toBe(true);
        expect(answer.status).toBe(400);
        expectNamed(answer.body.errors as { field: string }[], blamed);
      }),
      RUNS,
    );
  });
});

describe('POST /transactions/batch', () => {
  it('stores the valid trades of a batch and names what broke each other one: 202 if any is stored, else 400', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(nearValid, { minLength: 1, maxLength: 5 }), async (items) => {
        const answer = await post('/transactions/batch', `[${items.map(({ text }) => text).join(',')}]`);
        expectAnsweredWell(answer);
        const { accepted, rejected } = answer.body as unknown as BatchItems;
        expect(answer.status).toBe(accepted.length ? 202 : 400);
        expect(accepted.length + rejected.length).toBe(items.length);
        for (const { index } of accepted) expect(items[index].acceptable).toBe(true);
        for (const { index, errors } of rejected) expectNamed(errors, items[index].blamed);
      }),
      RUNS,
    );
  });
});

describe.each(ROUTES)('POST %s', (path) => {
  it('answers any body with 202 or a 4xx that says why, never a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(anyBody, fc.boolean(), async ({ text, contentType }, inArray) => {
        expectAnsweredWell(await post(path, inArray ? `[${text}]` : text, contentType));
      }),
      RUNS,
    );
  });
});

test('stored each trade answered 202 exactly once, and nothing else', async () => {
  const stored = (await streamContents<Trade>(nc, STREAMS.transactions)).map(({ data }) => data.id);
  expect(acceptedIds.length).toBeGreaterThan(0);
  expect(stored.sort()).toEqual([...acceptedIds].sort());
});

test('ingest still runs, and logged no error', async () => {
  expect(ingest.running()).toBe(true);
  expect((await fetch(`${ingest.url}/health`)).status).toBe(200);
  expect(
    ingest
      .output()
      .split('\n')
      .filter((line) => /"level":(50|60)/.test(line)),
  ).toEqual([]);
});
