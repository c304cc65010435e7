import { setTimeout as sleep } from 'node:timers/promises';
import { EXAMPLE_TRADE as REFERENCE_TRADE, type Trade, type TradeFields } from '@tradeflow/contract';
import { type AppOnNats, eventually, postJson, publishRaw, startAppOnNats, streamContents } from '@tradeflow/testing';
import { STREAMS, SUBJECTS } from '@tradeflow/topology';
import { connect, type NatsConnection } from 'nats';

// The rules of an Idempotency-Key, on POST /transactions, POST /transactions/batch and tx.submit,
// against a real nats-server. TRANSACTIONS' duplicate window is one second, so that a key coming
// back after it is remembered by ingest alone; keys are remembered for eight seconds.
const WINDOW_SECONDS = 1;
const TTL_SECONDS = 8;

let stack: AppOnNats;
let nc: NatsConnection;

beforeAll(async () => {
  stack = await startAppOnNats(() => import('../app/app.module').then((m) => m.AppModule), {
    DUPLICATE_WINDOW_SECONDS: String(WINDOW_SECONDS),
    IDEMPOTENCY_TTL_SECONDS: String(TTL_SECONDS),
    PUBLISH_TIMEOUT_MS: '1000',
  });
  nc = await connect({ servers: stack.server.url });
});

afterAll(async () => {
  await nc?.close();
  await stack?.dispose();
});

/** A trade of its own: tests tell their trades apart by user. */
const trade = (userId: string, changes: Partial<TradeFields> = {}): TradeFields => ({
  ...REFERENCE_TRADE,
  userId,
  ...changes,
});
const post = (path: string, body: unknown, key: string) =>
  postJson(`${stack.app.url}${path}`, body, { 'idempotency-key': key });
const storedOf = async (userId: string) =>
  (await streamContents<Trade>(nc, STREAMS.transactions))
    .map((message) => message.data)
    .filter((stored) => stored.userId === userId);
const storedIdsOf = async (userId: string) => (await storedOf(userId)).map((stored) => stored.id);
/** Past the duplicate window, which the server may keep up to twice as long. */
const pastTheWindow = () => sleep(2.5 * WINDOW_SECONDS * 1000);

describe('POST /transactions', () => {
  test('answers 409 to a key used again with another trade, and the same id to the same trade', async () => {
    const first = await post('/transactions', trade('conflict-1'), 'order-conflict');
    expect(first.status).toBe(202);

    const other = await post(
      '/transactions',
      trade('conflict-1', { amountSell: 2000, amountBuy: 1494.2 }),
      'order-conflict',
    );
    expect(other.status).toBe(409);
    expect(JSON.stringify(other.body)).toBe(
      JSON.stringify({
        statusCode: 409,
        error: 'Conflict',
        message: 'Idempotency-Key order-conflict was used for a different trade',
      }),
    );
    const again = await post('/transactions', trade('conflict-1'), 'order-conflict');
    expect(again.status).toBe(202);
    expect(again.body.id).toBe(first.body.id);

    const stored = await storedOf('conflict-1');
    expect(stored.map(({ id, amountSell }) => ({ id, amountSell }))).toEqual([{ id: first.body.id, amountSell: 1000 }]);
  });

  test('stores a trade once when its key comes again after the duplicate window', async () => {
    const first = await post('/transactions', trade('late-retry'), 'order-late');
    await pastTheWindow();
    const again = await post('/transactions', trade('late-retry'), 'order-late');
    expect(again.status).toBe(202);
    expect(again.body.id).toBe(first.body.id);
    expect(await storedIdsOf('late-retry')).toEqual([first.body.id]);
  });

  test('forgets a key after IDEMPOTENCY_TTL_SECONDS: used again, it is a new trade with a new id', async () => {
    const first = await post('/transactions', trade('forgotten'), 'order-forgotten');
    const later = await eventually(
      async () => {
        const answer = await post('/transactions', trade('forgotten'), 'order-forgotten');
        expect(answer.status).toBe(202);
        expect(answer.body.id).not.toBe(first.body.id);
        return answer;
      },
      3 * TTL_SECONDS * 1000,
    );
    expect((await storedIdsOf('forgotten')).sort()).toEqual([first.body.id, later.body.id].sort());
  }, 40_000);

  test('stores a trade once when its retry follows a 503, under the id of its first attempt', async () => {
    const jsm = await nc.jetstreamManager();
    const { config, state } = await jsm.streams.info(STREAMS.transactions);
    await jsm.streams.update(STREAMS.transactions, { ...config, max_msgs: state.messages });
    const refused = await post('/transactions', trade('after-503'), 'order-after-503');
    expect(refused.status).toBe(503);
    await jsm.streams.update(STREAMS.transactions, { ...config, max_msgs: -1 });

    const retried = await eventually(async () => {
      const answer = await post('/transactions', trade('after-503'), 'order-after-503');
      expect(answer.status).toBe(202);
      return answer;
    }, 20_000);
    await pastTheWindow();
    const again = await post('/transactions', trade('after-503'), 'order-after-503');
    expect(again.body.id).toBe(retried.body.id);
    expect(await storedIdsOf('after-503')).toEqual([retried.body.id]);
  }, 30_000);
});

describe('POST /transactions/batch', () => {
  test("keeps a single trade's key apart from a batch's: k#0 alone and item 0 of k are two trades", async () => {
    const single = await post('/transactions', trade('single-k0'), 'shared#0');
    const batch = await post('/transactions/batch', [trade('batch-k-item0')], 'shared');
    expect(single.status).toBe(202);
    expect(batch.status).toBe(202);
    const [item] = batch.body.accepted;
    expect(item.id).not.toBe(single.body.id);
    expect(await storedIdsOf('single-k0')).toEqual([single.body.id]);
    expect(await storedIdsOf('batch-k-item0')).toEqual([item.id]);
  });

  test('answers 409 to a key used again with another batch, storing nothing of it', async () => {
    const batch = [trade('batch-a'), trade('batch-b')];
    const first = await post('/transactions/batch', batch, 'batch-conflict');
    expect(first.status).toBe(202);

    const other = await post('/transactions/batch', [batch[0], trade('batch-c')], 'batch-conflict');
    expect(other.status).toBe(409);
    expect(other.body).toEqual({
      statusCode: 409,
      error: 'Conflict',
      message: 'Idempotency-Key batch-conflict was used for a different batch: the trades at index 1 differ',
    });
    await pastTheWindow();
    const again = await post('/transactions/batch', batch, 'batch-conflict');
    expect(again.status).toBe(202);
    expect(again.body.accepted).toEqual(first.body.accepted);
    expect(await storedIdsOf('batch-b')).toEqual([first.body.accepted[1].id]);
    expect(await storedOf('batch-c')).toEqual([]);
  });
});

describe('tx.submit', () => {
  const submit = (body: TradeFields, key: string) =>
    publishRaw(stack.server.url, SUBJECTS.submit, JSON.stringify(body), { 'Idempotency-Key': key });
  const rejectionOf = (payload: string) =>
    eventually(async () => {
      const records = await streamContents<{ payload: string; errors: unknown[] }>(nc, STREAMS.rejected);
      const found = records.find((record) => record.data.payload === payload);
      expect(found).toBeDefined();
      return found!.data;
    });
  const drained = () =>
    eventually(async () => {
      const info = await (await nc.jetstreamManager()).streams.info(STREAMS.submissions);
      expect(info.state.messages).toBe(0);
    });

  test.each([
    ['longer than 255 characters', 'k'.repeat(256)],
    ['with a space', 'order 1'],
  ])('refuses an Idempotency-Key %s, as HTTP does, recording it in REJECTED', async (_, key) => {
    const refused = trade(`bad-key-${key.length}`);
    await submit(refused, key);
    const record = await rejectionOf(JSON.stringify(refused));
    expect(record.errors).toEqual([
      { field: 'Idempotency-Key', message: 'Idempotency-Key must be 1 to 255 visible ASCII characters' },
    ]);
    await drained();
    expect(await storedOf(refused.userId)).toEqual([]);
  });

  test('records a key used again with another trade in REJECTED as a conflict, and stores the first only', async () => {
    await submit(trade('nats-conflict'), 'nats-order-1');
    await eventually(async () => expect(await storedOf('nats-conflict')).toHaveLength(1));
    const other = trade('nats-conflict', { originatingCountry: 'DE' });
    await submit(other, 'nats-order-1');
    const record = await rejectionOf(JSON.stringify(other));
    expect(record.errors).toEqual([
      { field: 'Idempotency-Key', message: 'Idempotency-Key nats-order-1 was used for a different trade' },
    ]);
    expect((await storedOf('nats-conflict')).map((stored) => stored.originatingCountry)).toEqual(['FR']);
  });

  test('shares the keys of single trades with POST /transactions: the same trade is stored once', async () => {
    const first = await post('/transactions', trade('both-ways'), 'order-both-ways');
    await pastTheWindow();
    await submit(trade('both-ways'), 'order-both-ways');
    await drained();
    expect(await storedIdsOf('both-ways')).toEqual([first.body.id]);
  });
});
