import type { Flag, Trade } from '@tradeflow/contract';
import { partitionOf as partitionOfUser } from '@tradeflow/topology';
import type { DetectorSettings } from './detectors/settings';
import { partitionStatsKey } from './keys';
import type { PartitionStats, SequencedMessage, SequencedTrade } from './model';
import { type Recount, recount } from './recount';
import { applyBatch, mergedStore, type PartitionStore, tradeWith } from './spec-helpers';
import { type PartitionMessage, sequencedMessage } from './stored-trade';

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
const partitionOf = (trade: Trade) => partitionOfUser(trade.userId, PARTITIONS);
/** Two users on each partition. */
const USERS = Array.from({ length: 40 }, (_, n) => `u${n}`)
  .filter(
    (user, _, all) =>
      all.filter((other) => partitionOfUser(other, PARTITIONS) === partitionOfUser(user, PARTITIONS)).indexOf(user) < 2,
  )
  .slice(0, 2 * PARTITIONS);

const encoder = new TextEncoder();
/** The stream as TRANSACTIONS holds it: each trade's JSON on its partition's subject. */
const stored = (stream: SequencedTrade[]): PartitionMessage[] =>
  stream.map(({ seq, trade }) => ({ seq, partition: partitionOf(trade), data: encoder.encode(JSON.stringify(trade)) }));
/** Pairs and rates about which each trade's rate is drawn. */
const PAIRS = [
  ['EUR', 'GBP', 0.8571],
  ['GBP', 'EUR', 1.1667],
  ['USD', 'JPY', 151.32],
] as const;

/**
 * A stream of trades over three days: users on partitions, interleaved; amountSell with cents,
 * amountBuy to 4 decimal places (valid trades, neither below its currency's smallest unit);
 * receivedAt mostly rising, sometimes late by up to two hours, sometimes equal to another's.
 */
function streamOf(random: ReturnType<typeof randomFrom>, length: number): SequencedTrade[] {
  let clock = Date.UTC(2026, 10, 25, 9, 0, 0);
  return Array.from({ length }, (_, i) => {
    clock += random.int(10) * random.pick([1_000, 60_000, 600_000]);
    const late = random.int(10) === 0 ? random.int(7_200_000) : 0;
    const [currencyFrom, currencyTo, pairRate] = random.pick(PAIRS);
    const rate = (pairRate * (500 + random.int(1000))) / 1000;
    const amountSell = (random.int(1_000_000) + 100) / 100;
    return {
      seq: i + 1,
      trade: tradeWith({
        userId: random.pick(USERS),
        currencyFrom,
        currencyTo,
        amountSell,
        amountBuy: Number((amountSell * rate).toFixed(4)),
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
 * Folds the stream as a process would: each message decided as the fold decides it, partitions
 * taking turns in random order, each folding a batch of random size from where it stands, and now
 * and then going back to replay what it had folded.
 */
function foldIncrementally(
  random: ReturnType<typeof randomFrom>,
  stream: PartitionMessage[],
  settings?: DetectorSettings,
): Recount {
  const store: PartitionStore = new Map();
  const flags: Flag[][] = Array.from({ length: PARTITIONS }, () => []);
  const byPartition = Array.from({ length: PARTITIONS }, (_, partition) =>
    stream.filter((message) => message.partition === partition).map((message) => sequencedMessage(message, PARTITIONS)),
  );
  const folded = byPartition.map(() => 0);
  for (;;) {
    const pending = byPartition.map((_, p) => p).filter((p) => folded[p] < byPartition[p].length);
    if (pending.length === 0) {
      return {
        values: byKey(store),
        flags: flags.flatMap((raised, partition) => raised.map((flag) => ({ partition, flag }))),
      };
    }
    const partition = random.pick(pending);
    const from = random.int(4) === 0 ? random.int(folded[partition] + 1) : folded[partition];
    const to = Math.min(byPartition[partition].length, folded[partition] + 1 + random.int(12));
    applyBatch(store, partition, byPartition[partition].slice(from, to), flags[partition], settings);
    folded[partition] = to;
  }
}

/** Folds each partition's trades in turn, in batches of the sizes `nextSize` tells. */
function foldInBatches(
  stream: SequencedTrade[],
  nextSize: () => number,
  settings?: DetectorSettings,
): Map<string, PartitionStats> {
  const store: PartitionStore = new Map();
  for (let partition = 0; partition < PARTITIONS; partition++) {
    const trades = stream.filter(({ trade }) => partitionOf(trade) === partition);
    for (let from = 0; from < trades.length;) {
      const to = from + nextSize();
      applyBatch(store, partition, trades.slice(from, to), undefined, settings);
      from = to;
    }
  }
  return byKey(store);
}

/**
 * The stream with messages no fold may count put in at random places: not JSON, a trade on
 * another partition's subject, a trade without its id, bytes that are not UTF-8.
 */
function withBadMessages(random: ReturnType<typeof randomFrom>, stream: SequencedTrade[]): PartitionMessage[] {
  const messages: PartitionMessage[] = [];
  const bad = (partition: number, trade: Trade): Uint8Array => {
    const { id: _id, ...withoutId } = trade;
    return [
      encoder.encode('not json at all'),
      encoder.encode(
        JSON.stringify({ ...trade, userId: USERS.find((user) => partitionOfUser(user, PARTITIONS) !== partition) }),
      ),
      encoder.encode(JSON.stringify(withoutId)),
      new Uint8Array([0xff, 0xfe, 0x7b]),
    ][random.int(4)];
  };
  for (const message of stored(stream)) {
    if (random.int(10) === 0) {
      const partition = random.int(PARTITIONS);
      messages.push({ seq: 0, partition, data: bad(partition, tradeWith({ userId: USERS[0] })) });
    }
    messages.push(message);
  }
  return messages.map((message, index) => ({ ...message, seq: index + 1 }));
}

/**
 * Detectors that flag often in streamOf's trades (each rate within ±50 % of its pair's, a user's
 * trades some minutes to hours apart): a window of a few rates and a tolerance of 30 %, two trades
 * or 20,000 EUR an hour.
 */
const EAGER: DetectorSettings = {
  offMarket: { window: 5, minRates: 3, thresholdPercent: 30 },
  velocity: { windowMs: 3_600_000, maxTrades: 2, maxSold: { EUR: '20000' } },
};

function expectSameValues(seed: number, actual: Map<string, PartitionStats>, expected: Map<string, PartitionStats>) {
  expect({ seed, values: actual }).toEqual({ seed, values: expected });
  // Key for key, field for field, in the same order: the JSON a KV entry would hold.
  for (const [key, value] of expected) expect(JSON.stringify(actual.get(key))).toBe(JSON.stringify(value));
}

describe('recount', () => {
  test('gives exactly what incremental folding gives, for any batch cuts, interleavings and replays', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const stream = stored(streamOf(randomFrom(seed), 300));
      expectSameValues(
        seed,
        foldIncrementally(randomFrom(seed * 7919), stream).values,
        recount(stream, PARTITIONS).values,
      );
    }
  });

  test('raises exactly the flags incremental folding raises, each once, from the state each value carries', () => {
    const kinds = new Set<string>();
    for (let seed = 1; seed <= 20; seed++) {
      const stream = stored(streamOf(randomFrom(seed), 300));
      const expected = recount(stream, PARTITIONS, EAGER);
      const folded = foldIncrementally(randomFrom(seed * 7919), stream, EAGER);
      expectSameValues(seed, folded.values, expected.values);
      expect({ seed, flags: folded.flags }).toEqual({ seed, flags: expected.flags });
      expect(new Set(expected.flags.map(({ flag }) => flag.id)).size).toBe(expected.flags.length);
      for (const { flag } of expected.flags) kinds.add(flag.kind);
      expect(expected.flags.length).toBeGreaterThan(10);
    }
    expect([...kinds].sort()).toEqual(['off-market', 'velocity']);
  });

  test('gives exactly what folding one trade per batch, or batches of up to 100, gives', () => {
    for (let seed = 1; seed <= 5; seed++) {
      const stream = streamOf(randomFrom(seed), 400);
      for (const settings of [undefined, EAGER]) {
        const expected = recount(stored(stream), PARTITIONS, settings).values;
        expectSameValues(
          seed,
          foldInBatches(stream, () => 1, settings),
          expected,
        );
        const random = randomFrom(seed * 31);
        expectSameValues(
          seed,
          foldInBatches(stream, () => 1 + random.int(100), settings),
          expected,
        );
      }
    }
  });

  test('counts every trade once, in its partition and its pair', () => {
    const stream = streamOf(randomFrom(42), 500);
    const values = recount(stored(stream), PARTITIONS).values;
    for (let partition = 0; partition < PARTITIONS; partition++) {
      const mine = stream.filter(({ trade }) => partitionOf(trade) === partition);
      expect(values.get(partitionStatsKey(partition))).toMatchObject({
        total: mine.length,
        quarantined: 0,
        lastSeq: mine[mine.length - 1].seq,
      });
    }
    const merged = mergedStore(new Map([...values.values()].map((stats, partition) => [partition, stats])));
    expect(merged.total).toBe(500);
    expect(Object.values(merged.pairs).reduce((sum, pair) => sum + pair.count, 0)).toBe(500);
    const usdJpy = stream.filter(({ trade }) => trade.currencyFrom === 'USD');
    const highest = Math.max(...usdJpy.map(({ trade }) => trade.rate));
    expect(merged.pairs['USD-JPY'].rate.max).toBe(highest);
  });

  test('sets aside what the fold sets aside: counted as quarantined, past the checkpoint, the figures those of the trades alone', () => {
    for (let seed = 1; seed <= 10; seed++) {
      const trades = streamOf(randomFrom(seed), 300);
      const stream = withBadMessages(randomFrom(seed * 13), trades);
      const values = recount(stream, PARTITIONS).values;
      expectSameValues(seed, foldIncrementally(randomFrom(seed * 7919), stream).values, values);
      const decided: SequencedMessage[] = stream.map((message) => sequencedMessage(message, PARTITIONS));
      const quarantined = decided.filter((message) => 'quarantined' in message);
      expect(quarantined.length).toBe(stream.length - trades.length);
      expect(quarantined.length).toBeGreaterThan(10);
      for (let partition = 0; partition < PARTITIONS; partition++) {
        const mine = stream.filter((message) => message.partition === partition);
        expect(values.get(partitionStatsKey(partition))).toMatchObject({
          lastSeq: mine[mine.length - 1].seq,
          total: mine.filter((_, index) => 'trade' in sequencedMessage(mine[index], PARTITIONS)).length,
          quarantined: mine.filter((_, index) => 'quarantined' in sequencedMessage(mine[index], PARTITIONS)).length,
        });
      }
      // The figures and the detectors' state are those of the trades alone, as if the bad messages had never been stored.
      const clean = recount(stored(trades), PARTITIONS).values;
      const figures = (all: Map<string, PartitionStats>) =>
        [...all.values()].map(({ pairs, countries, detectors }) => ({ pairs, countries, detectors }));
      expect(figures(values)).toEqual(figures(clean));
    }
  });

  test('does not depend on how the partitions are interleaved in the stream', () => {
    const stream = stored(streamOf(randomFrom(7), 200));
    const byPartitionFirst = [...stream].sort((a, b) => b.partition - a.partition || a.seq - b.seq);
    expect(recount(byPartitionFirst, PARTITIONS).values).toEqual(recount(stream, PARTITIONS).values);
  });

  test('of an empty stream is nothing', () => {
    expect(recount([], PARTITIONS).values).toEqual(new Map());
  });
});
