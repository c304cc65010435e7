import { EXAMPLE_TRADE, type Trade } from '@tradeflow/contract';
import { type AppOnNats, eventually, postJson, publishRaw, startAppOnNats, streamContents } from '@tradeflow/testing';
import { STREAMS, SUBJECTS } from '@tradeflow/topology';
import { connect, type NatsConnection } from 'nats';

// ingest with RATE_LIMIT=on on a real nats-server. The rates are a token every 100 s, so that no
// token comes back while the tests run: each user has 3 trades, the client (every request here
// comes from 127.0.0.1) 40, whatever the machine's speed.
let stack: AppOnNats;
let nc: NatsConnection;

beforeAll(async () => {
  stack = await startAppOnNats(() => import('../app/app.module').then((m) => m.AppModule), {
    RATE_LIMIT: 'on',
    RATE_LIMIT_USER_PER_SECOND: '0.01',
    RATE_LIMIT_USER_BURST: '3',
    RATE_LIMIT_CLIENT_PER_SECOND: '0.01',
    RATE_LIMIT_CLIENT_BURST: '40',
  });
  nc = await connect({ servers: stack.server.url });
});

afterAll(async () => {
  await nc?.close();
  await stack?.dispose();
});

const trade = (userId: string) => ({ ...EXAMPLE_TRADE, userId });
const post = (path: string, body: unknown) => postJson(`${stack.app.url}${path}`, body);
const storedOf = async (userId: string) =>
  (await streamContents<Trade>(nc, STREAMS.transactions)).filter((message) => message.data.userId === userId).length;
const userLimit = (userId: string) => `rate limit of user ${userId}: 0.01 trades/s, burst 3`;

/** The token that is missing comes back in 100 s, less the little time the test has taken. */
const expectRetryAfterOfAToken = (retryAfter: string | null) => {
  expect(Number(retryAfter)).toBeGreaterThan(90);
  expect(Number(retryAfter)).toBeLessThanOrEqual(100);
};

test("POST /transactions: a user's trades within the burst are accepted, the next is 429 with Retry-After", async () => {
  for (let i = 0; i < 3; i++) expect((await post('/transactions', trade('single-user'))).status).toBe(202);

  const over = await post('/transactions', trade('single-user'));
  expect(over.status).toBe(429);
  expectRetryAfterOfAToken(over.headers.get('retry-after'));
  expect(JSON.stringify(over.body)).toBe(
    JSON.stringify({ statusCode: 429, error: 'Too Many Requests', message: userLimit('single-user') }),
  );

  expect((await post('/transactions', trade('another-single-user'))).status).toBe(202);
  expect(await storedOf('single-user')).toBe(3);
});

test('POST /transactions/batch counts each trade against its user, and refuses the whole batch when one is over', async () => {
  const full = await post('/transactions/batch', [trade('batch-user'), trade('batch-user'), trade('batch-user')]);
  expect(full.status).toBe(202);
  expect(full.body.accepted).toHaveLength(3);

  const over = await post('/transactions/batch', [trade('innocent-user'), trade('batch-user')]);
  expect(over.status).toBe(429);
  expectRetryAfterOfAToken(over.headers.get('retry-after'));
  expect(over.body).toEqual({ statusCode: 429, error: 'Too Many Requests', message: userLimit('batch-user') });
  expect(await storedOf('innocent-user')).toBe(0);

  // The refused batch took nothing of innocent-user's burst.
  const innocent = await post('/transactions/batch', [trade('innocent-user'), trade('innocent-user')]);
  expect(innocent.status).toBe(202);
});

test("POST /transactions/batch: more of one user's trades than the burst never fit, and say so without Retry-After", async () => {
  const tooMany = Array.from({ length: 4 }, () => trade('bulk-user'));
  const refused = await post('/transactions/batch', tooMany);
  expect(refused.status).toBe(429);
  expect(refused.headers.get('retry-after')).toBeNull();
  expect(refused.body.message).toBe(`${userLimit('bulk-user')}; 4 of its trades at once never fit: send fewer`);
  expect(await storedOf('bulk-user')).toBe(0);
});

test("tx.submit: a submission over its user's limit is recorded in REJECTED with the limit, and acknowledged", async () => {
  for (let i = 0; i < 5; i++) await publishRaw(stack.server.url, SUBJECTS.submit, JSON.stringify(trade('nats-user')));

  const refusals = await eventually(async () => {
    const records = await streamContents<{ source: string; errors: object[]; payload: string }>(nc, STREAMS.rejected);
    const ofUser = records.filter((record) => record.data.payload.includes('nats-user')).map((record) => record.data);
    expect(ofUser).toHaveLength(2);
    return ofUser;
  });
  for (const record of refusals) {
    expect(record).toMatchObject({ source: 'tx.submit', errors: [{ field: '', message: userLimit('nats-user') }] });
  }
  await eventually(async () => expect(await storedOf('nats-user')).toBe(3));
  const submissions = await (await nc.jetstreamManager()).streams.info(STREAMS.submissions);
  await eventually(async () => expect(submissions.state.messages).toBe(0));
});

test("a client's trades, of any users, are limited by its address, on both routes", async () => {
  let user = 0;
  const freshUsers = (count: number) => Array.from({ length: count }, () => trade(`client-user-${user++}`));
  const limit = /^rate limit of client (::ffff:)?127\.0\.0\.1: 0\.01 trades\/s, burst 40$/;

  const tooMany = await post('/transactions/batch', freshUsers(41));
  expect(tooMany.status).toBe(429);
  expect(tooMany.body.message).toMatch(/^rate limit of client .*; 41 of its trades at once never fit: send fewer$/);

  // Whatever the earlier tests took, batches of 10 reach the limit within 4 requests.
  let answer = await post('/transactions/batch', freshUsers(10));
  for (let i = 0; answer.status === 202 && i < 4; i++) answer = await post('/transactions/batch', freshUsers(10));
  expect(answer.status).toBe(429);
  expect(answer.body.message).toMatch(limit);
  expect(Number(answer.headers.get('retry-after'))).toBeGreaterThan(0);

  // What the refused batch could not take, single trades take until none is left.
  let single = await post('/transactions', trade(`client-user-${user++}`));
  for (let i = 0; single.status === 202 && i < 10; i++)
    single = await post('/transactions', trade(`client-user-${user++}`));
  expect(single.status).toBe(429);
  expect(single.body.message).toMatch(limit);
  expect(Number(single.headers.get('retry-after'))).toBeGreaterThan(0);
});
