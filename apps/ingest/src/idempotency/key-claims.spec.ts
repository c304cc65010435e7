import { EXAMPLE_TRADE, type TradeFields } from '@tradeflow/contract';
import { FakeKv } from '@tradeflow/testing';
import { CLOCK_SLACK_MS, type Claim, KeyClaims } from './key-claims';

// KeyClaims on a KV bucket in memory with JetStream's revision rules and a clock of the test's.
// TRANSACTIONS is a set of stored ids, as the look-up of an unconfirmed claim sees it.
const TTL_MS = 24 * 3600_000;
const TIMING = { duplicateWindowMs: 120_000, publishTimeoutMs: 2000 };
/** Up to here a retry publishes an unconfirmed claim again; from here on it looks it up. */
const REPUBLISH_BEFORE_MS = 120_000 - 2000 - 2 * CLOCK_SLACK_MS;
const SETTLED_AFTER_MS = REPUBLISH_BEFORE_MS + 2000 + 2 * CLOCK_SLACK_MS;

const OTHER_TRADE: TradeFields = { ...EXAMPLE_TRADE, amountSell: 2000, amountBuy: 1494.2 };

let now: number;
let kv: FakeKv;
let stored: Set<string>;
let lookups: { id: string; from: number; to: number }[];
let claims: KeyClaims;

beforeEach(() => {
  now = 1_000_000;
  kv = new FakeKv({ ttlMs: TTL_MS, now: () => now });
  stored = new Set();
  lookups = [];
  claims = new KeyClaims(
    kv,
    async (_trade, id, from, to) => {
      lookups.push({ id, from: from.getTime(), to: to.getTime() });
      return stored.has(id);
    },
    TIMING,
    () => now,
  );
});

/** What the intake does with a claim that says store: publish (here: note the id), then confirm. */
async function store(claim: Claim): Promise<string> {
  if (claim.kind !== 'store') throw new Error(`expected a claim to store, got ${JSON.stringify(claim)}`);
  stored.add(claim.id);
  await claim.confirm();
  return claim.id;
}

const idOf = (claim: Claim) => (claim as { id: string }).id;

const claim = (trade: TradeFields = EXAMPLE_TRADE, key = 'trade.k') => claims.claim(key, trade);

test('a new key claims a new id for its trade; used again, it is that trade, however late within the TTL', async () => {
  const first = await claim();
  expect(first).toMatchObject({ kind: 'store', id: expect.any(String) });
  const id = await store(first);

  now += TTL_MS - 1;
  expect(await claim()).toEqual({ kind: 'stored', id });
  expect(lookups).toEqual([]);
});

test('used again with another trade, a key is a conflict, confirmed or not', async () => {
  await store(await claim());
  expect(await claim(OTHER_TRADE)).toEqual({ kind: 'conflict' });
  await claim(EXAMPLE_TRADE, 'trade.unconfirmed');
  expect(await claim(OTHER_TRADE, 'trade.unconfirmed')).toEqual({ kind: 'conflict' });
});

test('past the TTL a key is forgotten: used again, it is a new trade with a new id', async () => {
  const id = await store(await claim());
  now += TTL_MS;
  const again = await claim();
  expect(again).toMatchObject({ kind: 'store' });
  expect(await store(again)).not.toBe(id);
});

test('of submissions racing on a key, one claims it, and the others publish its trade under its id', async () => {
  const racing = await Promise.all([claim(), claim(), claim()]);
  expect(racing.map((each) => each.kind)).toEqual(['store', 'store', 'store']);
  expect(new Set(racing.map(idOf)).size).toBe(1);
  expect(await kv.latestRevision('trade.k')).toBe(1);
});

test('of submissions of two trades racing on a key, the first claims it and the other is a conflict', async () => {
  const [first, second] = await Promise.all([claim(), claim(OTHER_TRADE)]);
  expect(first.kind).toBe('store');
  expect(second).toEqual({ kind: 'conflict' });
});

describe('a claim left unconfirmed (a crash, a 503, a lost confirmation)', () => {
  let id: string;

  beforeEach(async () => {
    id = idOf(await claim());
  });

  test('is published again under its id while the duplicate window covers the first publish', async () => {
    now += REPUBLISH_BEFORE_MS - 1;
    expect(await claim()).toMatchObject({ kind: 'store', id });
    expect(lookups).toEqual([]);
  });

  test('asks for a retry while a publish may still land outside the window', async () => {
    now += REPUBLISH_BEFORE_MS;
    expect(await claim()).toEqual({ kind: 'retry', message: expect.stringContaining('retry later') });
    now += SETTLED_AFTER_MS - REPUBLISH_BEFORE_MS - 1;
    expect((await claim()).kind).toBe('retry');
    expect(lookups).toEqual([]);
  });

  test('found stored once settled, is confirmed: answered with its id and never looked up again', async () => {
    const claimedAt = now;
    stored.add(id);
    now += SETTLED_AFTER_MS;
    expect(await claim()).toEqual({ kind: 'stored', id });
    expect(lookups).toEqual([{ id, from: claimedAt - CLOCK_SLACK_MS, to: claimedAt + SETTLED_AFTER_MS }]);
    now += 3600_000;
    expect(await claim()).toEqual({ kind: 'stored', id });
    expect(lookups).toHaveLength(1);
  });

  test('not found once settled, is renewed and published under its id by one of racing retries', async () => {
    now += SETTLED_AFTER_MS;
    const retries = await Promise.all([claim(), claim()]);
    expect(retries).toEqual([
      expect.objectContaining({ kind: 'store', id }),
      expect.objectContaining({ kind: 'store', id }),
    ]);
    await store(retries[0]);
    now += REPUBLISH_BEFORE_MS;
    expect(await claim()).toEqual({ kind: 'stored', id });
  });

  test('is a conflict for another trade at any age', async () => {
    now += SETTLED_AFTER_MS;
    expect(await claim(OTHER_TRADE)).toEqual({ kind: 'conflict' });
    expect(lookups).toEqual([]);
  });
});

test('a claim whose answer was lost is found by the retry, which publishes under its id', async () => {
  kv.failNextWrite({ stored: true });
  await expect(claim()).rejects.toThrow();
  const retry = await claim();
  expect(retry).toMatchObject({ kind: 'store' });
  const { id } = JSON.parse((await kv.get('trade.k'))!.string()) as { id: string };
  expect(await store(retry)).toBe(id);
});

test('a confirmation that fails leaves the claim to be settled by a retry', async () => {
  const first = await claim();
  if (first.kind !== 'store') throw new Error('expected a claim to store');
  stored.add(first.id);
  kv.failNextWrite();
  await first.confirm();
  now += SETTLED_AFTER_MS;
  expect(await claim()).toEqual({ kind: 'stored', id: first.id });
  expect(lookups).toHaveLength(1);
});
