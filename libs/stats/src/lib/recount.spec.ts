import type { Trade } from '@tradeflow/trade';
import { partitionStatsKey } from './keys';
import type { PartitionStats, SequencedTrade } from './model';
import { recount } from './recount';
import { applyBatch, mergedStore, type PartitionStore, tradeWith } from './spec-helpers';

/** A small seeded generator (mulberry32), so that a failing case can be replayed. */
function randomFrom(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (below: number) => Math.floor(next() * below);
  const pick = <T>(items: readonly T[]) => items[int(items.length)];
  return { int, pick };
}

const PARTITIONS = 4;
const USERS = ['u0', 'u1', 'u2', 'u3', 'u4', 'u5', 'u6', 'u7'];
const partitionOf = (trade: Trade) => Number(trade.userId.slice(1)) % PARTITIONS;
const PAIRS = [
  ['EUR', 'GBP'],
  ['GBP', 'EUR'],
  ['USD', 'JPY'],
];

/**
 * A stream of trades over three days: users on partitions, interleaved; amounts with cents;
 * receivedAt mostly rising, sometimes late by up to two hours, sometimes equal to another's.
 */
function streamOf(random: ReturnType<typeof randomFrom>, length: number): SequencedTrade[] {
  let clock = Date.UTC(2026, 10, 25, 9, 0, 0);
  return Array.from({ length }, (_, i) => {
    clock += random.int(10) * random.pick([1_000, 60_000, 600_000]);
    const late = random.int(10) === 0 ? random.int(7_200_000) : 0;
    const [currencyFrom, currencyTo] = random.pick(PAIRS);
    const rate = (random.int(2000) + 1) / 1000;
    const amountSell = (random.int(1_000_000) + 1) / 100;
    return {
      seq: i + 1,
      trade: tradeWith({
        userId: random.pick(USERS),
        currencyFrom,
        currencyTo,
        amountSell,
        amountBuy: amountSell * rate,
        rate,
        originatingCountry: random.pick(['FR', 'GB', 'DE']),
        receivedAt: new Date(clock - late).toISOString(),
      }),
    };
  });
}

/** The store by KV key, as recount answers. */
const byKey = (store: PartitionStore) =>
  new Map([...store].sort(([a], [b]) => a - b).map(([partition, stats]) => [partitionStatsKey(partition), stats]));

/**
 * Folds the stream as a process would: partitions take turns in random order, each folding a batch
 * of random size from where it stands, and now and then going back to replay what it had folded.
 */
function foldIncrementally(random: ReturnType<typeof randomFrom>, stream: SequencedTrade[]): Map<string, PartitionStats> {
  const store: PartitionStore = new Map();
  const byPartition = Array.from({ length: PARTITIONS }, (_, partition) =>
    stream.filter(({ trade }) => partitionOf(trade) === partition),
  );
  const folded = byPartition.map(() => 0);
  for (;;) {
    const pending = byPartition.map((_, p) => p).filter((p) => folded[p] < byPartition[p].length);
    if (pending.length === 0) return byKey(store);
    const partition = random.pick(pending);
    const from = random.int(4) === 0 ? random.int(folded[partition] + 1) : folded[partition];
    const to = Math.min(byPartition[partition].length, folded[partition] + 1 + random.int(12));
    applyBatch(store, partition, byPartition[partition].slice(from, to));
    folded[partition] = to;
  }
}

/** Folds each partition's trades in turn, in batches of the sizes `nextSize` tells. */
function foldInBatches(stream: SequencedTrade[], nextSize: () => number): Map<string, PartitionStats> {
  const store: PartitionStore = new Map();
  for (let partition = 0; partition < PARTITIONS; partition++) {
    const trades = stream.filter(({ trade }) => partitionOf(trade) === partition);
    for (let from = 0, to = 0; from < trades.length; from = to) {
      to = from + nextSize();
      applyBatch(store, partition, trades.slice(from, to));
    }
  }
  return byKey(store);
}

function expectSameValues(seed: number, actual: Map<string, PartitionStats>, expected: Map<string, PartitionStats>) {
  expect({ seed, values: actual }).toEqual({ seed, values: expected });
  // Key for key, field for field, in the same order: the JSON a KV entry would hold.
  for (const [key, value] of expected) expect(JSON.stringify(actual.get(key))).toBe(JSON.stringify(value));
}

describe('recount', () => {
  test('gives exactly what incremental folding gives, for any batch cuts, interleavings and replays', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const stream = streamOf(randomFrom(seed), 300);
      expectSameValues(seed, foldIncrementally(randomFrom(seed * 7919), stream), recount(stream, partitionOf));
    }
  });

  test('gives exactly what folding one trade per batch, or batches of up to 100, gives', () => {
    for (let seed = 1; seed <= 5; seed++) {
      const stream = streamOf(randomFrom(seed), 400);
      const expected = recount(stream, partitionOf);
      expectSameValues(seed, foldInBatches(stream, () => 1), expected);
      const random = randomFrom(seed * 31);
      expectSameValues(seed, foldInBatches(stream, () => 1 + random.int(100)), expected);
    }
  });

  test('counts every trade once, in its partition and its pair', () => {
    const stream = streamOf(randomFrom(42), 500);
    const values = recount(stream, partitionOf);
    for (let partition = 0; partition < PARTITIONS; partition++) {
      const mine = stream.filter(({ trade }) => partitionOf(trade) === partition);
      expect(values.get(partitionStatsKey(partition))).toMatchObject({ total: mine.length, lastSeq: mine[mine.length - 1].seq });
    }
    const merged = mergedStore(new Map([...values.values()].map((stats, partition) => [partition, stats])));
    expect(merged.total).toBe(500);
    expect(Object.values(merged.pairs).reduce((sum, pair) => sum + pair.count, 0)).toBe(500);
    const usdJpy = stream.filter(({ trade }) => trade.currencyFrom === 'USD');
    const highest = Math.max(...usdJpy.map(({ trade }) => trade.rate));
    expect(merged.pairs['USD-JPY'].rate.max).toBe(highest);
  });

  test('does not depend on how the partitions are interleaved in the stream', () => {
    const stream = streamOf(randomFrom(7), 200);
    const byPartitionFirst = [...stream].sort((a, b) => partitionOf(b.trade) - partitionOf(a.trade) || a.seq - b.seq);
    expect(recount(byPartitionFirst, partitionOf)).toEqual(recount(stream, partitionOf));
  });

  test('of an empty stream is nothing', () => {
    expect(recount([], partitionOf)).toEqual(new Map());
  });
});
