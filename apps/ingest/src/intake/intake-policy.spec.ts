import { Injectable, Module } from '@nestjs/common';
import { EXAMPLE_TRADE, type Trade } from '@tradeflow/contract';
import { type AppOnNats, eventually, postJson, publishRaw, startAppOnNats, streamContents } from '@tradeflow/testing';
import { STREAMS, SUBJECTS } from '@tradeflow/topology';
import { connect, type NatsConnection } from 'nats';
import type { IntakeOutcome, PolicyRefusal } from './intake-outcome';
import { type IntakeContext, type IntakePolicy, IntakePolicyProvider } from './intake-policy';
import type { SubmittedTrades } from './submitted-trades';

/** Refuses what names a refusal in its X-Refuse header; remembers what it was asked and told. */
@IntakePolicyProvider()
@Injectable()
class RefusingPolicy implements IntakePolicy {
  readonly asked: (Omit<IntakeContext, 'header' | 'trades'> & { trades: SubmittedTrades })[] = [];
  readonly told: { route: string; outcome: IntakeOutcome }[] = [];
  private failed = false;

  admit({ transport, route, client, header, trades }: IntakeContext): PolicyRefusal | undefined {
    this.asked.push({ transport, route, client, trades: trades() });
    const reason = header('X-Refuse') as PolicyRefusal['reason'] | 'fail-once' | undefined;
    if (reason === 'fail-once') {
      if (this.failed) return undefined;
      this.failed = true;
      throw new Error('the policy failed');
    }
    if (reason === 'rate-limited') return { reason, message: 'too many trades', retryAfterSeconds: 7 };
    return reason && { reason, message: `refused: ${reason}` };
  }

  settled({ route }: IntakeContext, outcome: IntakeOutcome): void {
    this.told.push({ route, outcome });
  }
}

/** ingest with the policy registered beside its modules (imported once the environment is set). */
async function ingestWithPolicy() {
  const { AppModule } = await import('../app/app.module');
  @Module({ imports: [AppModule], providers: [RefusingPolicy] })
  class IngestWithPolicy {}
  return IngestWithPolicy;
}

// A policy registered once is asked by each of the three ways in, and its refusal honoured: HTTP
// answers it, tx.submit records it in REJECTED; neither stores the trade.
let stack: AppOnNats;
let nc: NatsConnection;
let policy: RefusingPolicy;

beforeAll(async () => {
  stack = await startAppOnNats(ingestWithPolicy);
  policy = stack.app.app.get(RefusingPolicy);
  nc = await connect({ servers: stack.server.url });
});

afterAll(async () => {
  await nc?.close();
  await stack?.dispose();
});

const stored = async () =>
  (await streamContents<Trade>(nc, STREAMS.transactions)).map((message) => message.data.userId);
const post = (path: string, body: unknown, refuse?: string) =>
  postJson(`${stack.app.url}${path}`, body, refuse ? { 'x-refuse': refuse } : {});
const toldOf = (route: string) => policy.told.filter((entry) => entry.route === route).map((entry) => entry.outcome);

test('POST /transactions asks the policy, answers its refusal with 429 and Retry-After, and stores nothing', async () => {
  const refused = await post('/transactions', { ...EXAMPLE_TRADE, userId: 'refused-single' }, 'rate-limited');
  expect(refused.status).toBe(429);
  expect(refused.headers.get('retry-after')).toBe('7');
  expect(JSON.stringify(refused.body)).toBe(
    JSON.stringify({ statusCode: 429, error: 'Too Many Requests', message: 'too many trades' }),
  );
  const admitted = await post('/transactions', EXAMPLE_TRADE);
  expect(admitted.status).toBe(202);

  expect(policy.asked).toContainEqual({
    transport: 'http',
    route: 'POST /transactions',
    client: expect.stringMatching(/127\.0\.0\.1$/),
    trades: { count: 1, userIds: ['refused-single'] },
  });
  expect(toldOf('POST /transactions')).toEqual([
    { kind: 'not-admitted', refusal: { reason: 'rate-limited', message: 'too many trades', retryAfterSeconds: 7 } },
    { kind: 'accepted', id: admitted.body.id },
  ]);
  expect(await stored()).not.toContain('refused-single');
});

test('POST /transactions/batch asks the policy and answers its refusal with 403', async () => {
  const refusedBatch = [{ ...EXAMPLE_TRADE, userId: 'refused-batch' }, { ...EXAMPLE_TRADE, rate: 'none' }, {}];
  const refused = await post('/transactions/batch', refusedBatch, 'forbidden');
  expect(refused.status).toBe(403);
  expect(refused.headers.get('retry-after')).toBeNull();
  expect(JSON.stringify(refused.body)).toBe(
    JSON.stringify({ statusCode: 403, error: 'Forbidden', message: 'refused: forbidden' }),
  );
  const unauthenticated = await post('/transactions/batch', [EXAMPLE_TRADE], 'unauthenticated');
  expect(unauthenticated.status).toBe(401);
  const admitted = await post('/transactions/batch', [EXAMPLE_TRADE]);
  expect(admitted.status).toBe(202);

  expect(policy.asked).toContainEqual({
    transport: 'http',
    route: 'POST /transactions/batch',
    client: expect.any(String),
    trades: { count: 3, userIds: ['refused-batch', EXAMPLE_TRADE.userId] },
  });
  expect(toldOf('POST /transactions/batch').map((outcome) => outcome.kind)).toEqual([
    'not-admitted',
    'not-admitted',
    'batch',
  ]);
  expect(await stored()).not.toContain('refused-batch');
});

test('tx.submit asks the policy and records its refusal in REJECTED instead of storing the trade', async () => {
  const refusedTrade = JSON.stringify({ ...EXAMPLE_TRADE, userId: 'refused-on-nats' });
  await publishRaw(stack.server.url, SUBJECTS.submit, refusedTrade, { 'X-Refuse': 'forbidden' });
  await publishRaw(stack.server.url, SUBJECTS.submit, JSON.stringify({ ...EXAMPLE_TRADE, userId: 'admitted-on-nats' }));

  const record = await eventually(async () => {
    const records = await streamContents<{ payload: string }>(nc, STREAMS.rejected);
    const found = records.find((message) => message.data.payload === refusedTrade);
    expect(found).toBeDefined();
    return found!.data;
  });
  expect(record).toMatchObject({ source: 'tx.submit', errors: [{ field: '', message: 'refused: forbidden' }] });
  await eventually(async () => expect(await stored()).toContain('admitted-on-nats'));
  expect(await stored()).not.toContain('refused-on-nats');

  expect(policy.asked).toContainEqual({
    transport: 'nats',
    route: 'tx.submit',
    client: undefined,
    trades: { count: 1, userIds: ['refused-on-nats'] },
  });
  expect(
    toldOf('tx.submit')
      .map((outcome) => outcome.kind)
      .sort(),
  ).toEqual(['accepted', 'not-admitted']);
});

test('tx.submit keeps a submission whose policy check throws, and takes it when it is delivered again', async () => {
  const trade = JSON.stringify({ ...EXAMPLE_TRADE, userId: 'policy-failed-once' });
  await publishRaw(stack.server.url, SUBJECTS.submit, trade, { 'X-Refuse': 'fail-once' });
  await eventually(async () => expect(await stored()).toContain('policy-failed-once'), 15_000);
});

test('a batch refused for its shape (empty, not an array, over BATCH_MAX_ITEMS) is refused before a policy is asked: a rate limit spends nothing on it', async () => {
  const askedBefore = policy.asked.length;
  const tooMany = Array.from({ length: 1001 }, (_, i) => ({ ...EXAMPLE_TRADE, userId: `u${i}` }));
  expect((await post('/transactions/batch', tooMany)).status).toBe(413);
  expect((await post('/transactions/batch', [])).status).toBe(400);
  expect((await post('/transactions/batch', { ...EXAMPLE_TRADE })).status).toBe(400);
  expect(policy.asked.length).toBe(askedBefore);
});
