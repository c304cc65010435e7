import type { Flag } from '@tradeflow/contract';
import type { DetectorSettings } from './detectors/settings';
import { foldBatch, foldPartition, NO_STATS } from './fold';
import { mergeFigure } from './merge';
import { applyBatch, at, mergedStore, type PartitionStore } from './spec-helpers';

const EUR_GBP = 'EUR-GBP';

const foldedStore = (partition: number, ...trades: Parameters<typeof applyBatch>[2]): PartitionStore => {
  const store: PartitionStore = new Map();
  applyBatch(store, partition, trades);
  return store;
};
const pairOf = (store: PartitionStore, name = EUR_GBP) => mergedStore(store).pairs[name];
const countryOf = (store: PartitionStore, name: string) => mergedStore(store).countries[name];

describe('a pair', () => {
  test("is folded from one trade into the partition's figures", () => {
    const figures = {
      from: 'EUR',
      to: 'GBP',
      count: 1,
      sold: '1000',
      bought: '747.1',
      rate: { last: 0.7471, min: 0.7471, max: 0.7471 },
      lastAt: '2026-11-25T10:27:44.000Z',
      minutes: [{ start: '2026-11-25T10:27:00.000Z', count: 1, sold: '1000', bought: '747.1' }],
      hours: [{ start: '2026-11-25T10:00:00.000Z', count: 1, sold: '1000', bought: '747.1' }],
    };
    expect(foldPartition(NO_STATS, [at(7)])).toEqual({
      lastSeq: 7,
      total: 1,
      quarantined: 0,
      pairs: { [EUR_GBP]: figures },
      countries: { FR: { country: 'FR', count: 1, sold: { EUR: '1000' } } },
      detectors: {
        rates: { [EUR_GBP]: [0.7471] },
        velocity: { start: Date.parse('2026-11-25T10:27:00.000Z'), users: ['134256'], trades: [1], sold: [] },
      },
    });
  });

  test('counts trades and sums amounts sold and bought exactly', () => {
    const store = foldedStore(
      0,
      at(1, { amountSell: 0.1, amountBuy: 0.07471 }),
      at(2, { amountSell: 0.2, amountBuy: 0.14942 }),
      at(3, { amountSell: 1e12, amountBuy: 747.1e9 }),
    );
    const pair = pairOf(store);
    expect(pair.count).toBe(3);
    expect(pair.sold).toBe('1000000000000.3');
    expect(pair.bought).toBe('747100000000.22413');
  });

  test('keeps the lowest, the highest and the last rate, and when the last trade was received', () => {
    const rates = [0.75, 0.74, 0.76, 0.745];
    const store = foldedStore(
      0,
      ...rates.map((rate, i) => at(i + 1, { rate, receivedAt: `2026-11-25T10:27:4${i}.000Z` })),
    );
    const pair = pairOf(store);
    expect(pair.rate).toEqual({ last: 0.745, min: 0.74, max: 0.76 });
    expect(pair.lastAt).toBe('2026-11-25T10:27:43.000Z');
  });

  test("takes a partition's last rate from its highest seq, even when that trade was received earlier", () => {
    const store = foldedStore(
      0,
      at(1, { rate: 0.75, receivedAt: '2026-11-25T10:27:45.000Z' }),
      at(2, { rate: 0.74, receivedAt: '2026-11-25T10:27:44.000Z' }),
    );
    expect(store.get(0)?.pairs[EUR_GBP]).toMatchObject({ rate: { last: 0.74 }, lastAt: '2026-11-25T10:27:44.000Z' });
    expect(pairOf(store).rate.last).toBe(0.74);
  });

  test('is one per direction', () => {
    const store = foldedStore(
      0,
      at(1),
      at(2, { currencyFrom: 'GBP', currencyTo: 'EUR', amountSell: 747.1, amountBuy: 1000, rate: 1.3385 }),
    );
    expect(pairOf(store)).toMatchObject({ from: 'EUR', to: 'GBP', count: 1, sold: '1000' });
    expect(pairOf(store, 'GBP-EUR')).toMatchObject({
      from: 'GBP',
      to: 'EUR',
      count: 1,
      sold: '747.1',
    });
  });

  test('buckets the amounts sold and bought per minute and per hour of receivedAt, not of timePlaced', () => {
    const store = foldedStore(
      0,
      at(1, { amountSell: 1, amountBuy: 0.75, receivedAt: '2026-11-25T10:27:10.000Z' }),
      at(2, { amountSell: 2, amountBuy: 1.5, receivedAt: '2026-11-25T10:27:59.999Z' }),
      at(3, { amountSell: 4, amountBuy: 3, receivedAt: '2026-11-25T10:28:00.000Z' }),
      at(4, { amountSell: 8, amountBuy: 6, receivedAt: '2026-11-25T11:02:30.000Z' }),
    );
    const pair = pairOf(store);
    expect(pair.minutes).toEqual([
      { start: '2026-11-25T10:27:00.000Z', count: 2, sold: '3', bought: '2.25' },
      { start: '2026-11-25T10:28:00.000Z', count: 1, sold: '4', bought: '3' },
      { start: '2026-11-25T11:02:00.000Z', count: 1, sold: '8', bought: '6' },
    ]);
    expect(pair.hours).toEqual([
      { start: '2026-11-25T10:00:00.000Z', count: 3, sold: '7', bought: '5.25' },
      { start: '2026-11-25T11:00:00.000Z', count: 1, sold: '8', bought: '6' },
    ]);
  });

  test('lets old buckets fall out of the windows as newer trades arrive, and ignores a late one outside', () => {
    const store = foldedStore(
      0,
      at(1, { receivedAt: '2026-11-25T10:00:30.000Z' }),
      at(2, { receivedAt: '2026-11-25T10:01:30.000Z' }),
      at(3, { receivedAt: '2026-11-25T11:00:30.000Z' }),
    );
    const minutes = () => pairOf(store).minutes.map((bucket) => bucket.start);
    expect(minutes()).toEqual(['2026-11-25T10:01:00.000Z', '2026-11-25T11:00:00.000Z']);

    applyBatch(store, 0, [at(4, { receivedAt: '2026-11-25T10:00:59.000Z' })]);
    expect(minutes()).toEqual(['2026-11-25T10:01:00.000Z', '2026-11-25T11:00:00.000Z']);
    expect(pairOf(store).count).toBe(4);

    applyBatch(store, 0, [at(5, { receivedAt: '2026-11-27T10:59:00.000Z' })]);
    expect(pairOf(store).hours.map((bucket) => bucket.start)).toEqual([
      '2026-11-25T11:00:00.000Z',
      '2026-11-27T10:00:00.000Z',
    ]);
    expect(minutes()).toEqual(['2026-11-27T10:59:00.000Z']);
  });
});

describe('a country', () => {
  test('counts its trades and sums the amount sold per sold currency', () => {
    const store = foldedStore(
      1,
      at(1, { amountSell: 1000 }),
      at(2, { currencyFrom: 'USD', currencyTo: 'JPY', amountSell: 12.5, amountBuy: 1875, rate: 150 }),
      at(3, { amountSell: 0.5, amountBuy: 0.37355 }),
      at(4, { originatingCountry: 'GB', amountSell: 3 }),
    );
    expect(store.get(1)?.countries.FR).toEqual({ country: 'FR', count: 3, sold: { EUR: '1000.5', USD: '12.5' } });
    expect(countryOf(store, 'GB')).toMatchObject({ count: 1, sold: { EUR: '3' } });
  });
});

describe('the total and the checkpoint', () => {
  test("count the partition's trades and keep its last seq; merged, the partitions add up", () => {
    const store: PartitionStore = new Map();
    applyBatch(store, 0, [at(1), at(3)]);
    applyBatch(store, 1, [at(2), at(4, { currencyTo: 'USD' }), at(5, { originatingCountry: 'DE' })]);
    expect(store.get(0)).toMatchObject({ total: 2, lastSeq: 3 });
    expect(store.get(1)).toMatchObject({ total: 3, lastSeq: 5 });
    expect(mergedStore(store).total).toBe(5);
  });

  test('move to the last seq of every batch, and only the figures the batch touches change', () => {
    const store = foldedStore(0, at(1), at(2));
    const before = store.get(0);
    const folded = applyBatch(store, 0, [at(3, { currencyTo: 'USD', originatingCountry: 'DE' })]);
    expect(folded).toMatchObject({ total: 3, lastSeq: 3 });
    expect(folded.pairs[EUR_GBP]).toEqual(before?.pairs[EUR_GBP]);
    expect(Object.keys(folded.pairs).sort()).toEqual(['EUR-GBP', 'EUR-USD']);
    expect(Object.keys(folded.countries).sort()).toEqual(['DE', 'FR']);
  });

  test('count a message set aside as quarantined, not as a trade, and move past it', () => {
    const store = foldedStore(0, at(1), { seq: 2, quarantined: 'not JSON' }, at(3));
    expect(store.get(0)).toMatchObject({ lastSeq: 3, total: 2, quarantined: 1 });
    expect(pairOf(store).count).toBe(2);
    // A batch of messages set aside only: the checkpoint moves, the figures stay.
    const before = store.get(0);
    const folded = applyBatch(store, 0, [
      { seq: 4, quarantined: 'not a JSON object' },
      { seq: 6, quarantined: 'x' },
    ]);
    expect(folded).toEqual({ ...before, lastSeq: 6, quarantined: 3 });
    // Set aside again by a replay: counted once.
    applyBatch(store, 0, [
      { seq: 2, quarantined: 'not JSON' },
      { seq: 6, quarantined: 'x' },
    ]);
    expect(store.get(0)).toMatchObject({ lastSeq: 6, total: 2, quarantined: 3 });
  });

  test('start the count of messages set aside from 0 on a value written before they were counted', () => {
    const { quarantined: _quarantined, ...older } = foldPartition(NO_STATS, [at(1)]);
    expect(foldPartition(older as typeof NO_STATS, [{ seq: 2, quarantined: 'not JSON' }])).toMatchObject({
      total: 1,
      quarantined: 1,
    });
  });

  test('are returned unchanged when the whole batch was counted before, or the batch is empty', () => {
    const stats = foldPartition(NO_STATS, [at(1), at(2)]);
    expect(foldPartition(stats, [at(1), at(2)])).toBe(stats);
    expect(foldPartition(stats, [])).toBe(stats);
    expect(foldPartition(NO_STATS, [])).toBe(NO_STATS);
  });
});

describe('the sequence guard', () => {
  test('counts a redelivered trade (same seq) once', () => {
    const trade = at(5);
    const store = foldedStore(0, trade);
    applyBatch(store, 0, [trade]);
    expect(pairOf(store).count).toBe(1);
    expect(store.get(0)?.total).toBe(1);
  });

  test('counts a trade repeated within one batch once', () => {
    const trade = at(3);
    expect(pairOf(foldedStore(0, trade, trade)).count).toBe(1);
  });

  test('skips a trade with an older seq than the partition has counted', () => {
    const store = foldedStore(0, at(10));
    const before = structuredClone(store);
    applyBatch(store, 0, [at(8, { amountSell: 5 })]);
    expect(store).toEqual(before);
  });

  test('folds an overlapping replay into exactly what one batch would give', () => {
    const trades = [1, 2, 3, 4, 5].map((seq) => at(seq, { rate: 0.74 + seq / 1000 }));
    const replayed = foldedStore(0, ...trades.slice(0, 3));
    applyBatch(replayed, 0, trades.slice(1));
    applyBatch(replayed, 0, trades);
    expect(replayed).toEqual(foldedStore(0, ...trades));
  });
});

describe('merging partitions', () => {
  test('adds counts and amounts, and takes min and max over all', () => {
    const store: PartitionStore = new Map();
    applyBatch(store, 0, [at(1, { rate: 0.75, amountSell: 0.1 }), at(3, { rate: 0.73, amountSell: 0.1 })]);
    applyBatch(store, 1, [at(2, { rate: 0.77, amountSell: 0.1 })]);
    expect(pairOf(store)).toMatchObject({ count: 3, sold: '0.3', rate: { min: 0.73, max: 0.77 } });
    expect(store.get(0)?.pairs[EUR_GBP]).toMatchObject({ count: 2, sold: '0.2', rate: { min: 0.73, max: 0.75 } });
    expect(store.get(1)?.pairs[EUR_GBP]).toMatchObject({ count: 1, sold: '0.1', rate: { min: 0.77, max: 0.77 } });
    expect(countryOf(store, 'FR')).toMatchObject({ count: 3, sold: { EUR: '0.3' } });
  });

  test('takes the last rate from the share received last, not the one folded last', () => {
    const store: PartitionStore = new Map();
    applyBatch(store, 0, [at(2, { rate: 0.75, receivedAt: '2026-11-25T10:27:45.000Z' })]);
    applyBatch(store, 1, [at(1, { rate: 0.74, receivedAt: '2026-11-25T10:27:44.000Z' })]);
    expect(pairOf(store)).toMatchObject({
      rate: { last: 0.75 },
      lastAt: '2026-11-25T10:27:45.000Z',
    });
  });

  test('on a tie of lastAt, takes the last rate of the higher partition, whatever the order of folding', () => {
    for (const order of [
      [2, 10],
      [10, 2],
    ]) {
      const store: PartitionStore = new Map();
      for (const partition of order) applyBatch(store, partition, [at(partition, { rate: partition })]);
      expect(pairOf(store).rate.last).toBe(10);
    }
  });

  test('adds buckets of the same start, and trims the merged window from the newest bucket of all', () => {
    const store: PartitionStore = new Map();
    applyBatch(store, 0, [at(1, { amountSell: 1, receivedAt: '2026-11-25T12:00:10.000Z' })]);
    applyBatch(store, 1, [
      at(2, { amountSell: 2, receivedAt: '2026-11-25T10:30:00.000Z' }),
      at(3, { amountSell: 4, receivedAt: '2026-11-25T12:00:50.000Z' }),
    ]);
    const pair = pairOf(store);
    expect(pair.minutes).toEqual([{ start: '2026-11-25T12:00:00.000Z', count: 2, sold: '5', bought: '1494.2' }]);
    expect(pair.hours).toEqual([
      { start: '2026-11-25T10:00:00.000Z', count: 1, sold: '2', bought: '747.1' },
      { start: '2026-11-25T12:00:00.000Z', count: 2, sold: '5', bought: '1494.2' },
    ]);
    expect(store.get(1)?.pairs[EUR_GBP].minutes.map((bucket) => bucket.start)).toEqual(['2026-11-25T12:00:00.000Z']);

    const late: PartitionStore = new Map();
    applyBatch(late, 0, [at(1, { receivedAt: '2026-11-25T12:00:10.000Z' })]);
    applyBatch(late, 1, [at(2, { receivedAt: '2026-11-25T11:30:00.000Z' })]);
    expect(pairOf(late).minutes.map((bucket) => bucket.start)).toEqual([
      '2026-11-25T11:30:00.000Z',
      '2026-11-25T12:00:00.000Z',
    ]);
    expect(late.get(1)?.pairs[EUR_GBP].minutes).toHaveLength(1);
  });
});

describe('mergeFigure', () => {
  test('merges one name over the partitions that have it, and is undefined where none has', () => {
    const store: PartitionStore = new Map();
    applyBatch(store, 0, [at(1)]);
    applyBatch(store, 3, [at(2, { originatingCountry: 'GB' })]);
    const partitions = [store.get(0), store.get(3)].map((stats) => stats as NonNullable<typeof stats>);
    expect(mergeFigure('pairs', partitions, EUR_GBP)).toEqual(pairOf(store));
    expect(mergeFigure('countries', partitions, 'GB')).toEqual({ country: 'GB', count: 1, sold: { EUR: '1000' } });
    expect(mergeFigure('pairs', partitions, 'USD-JPY')).toBeUndefined();
  });
});

describe('the direction of a pair', () => {
  test("is in the merged figures: the newest minute's volume-weighted rate over all partitions against the oldest one's", () => {
    const store: PartitionStore = new Map();
    applyBatch(store, 0, [
      at(1, { amountSell: 100, amountBuy: 75, rate: 0.75, receivedAt: '2026-11-25T10:00:10.000Z' }),
    ]);
    applyBatch(store, 1, [
      at(2, { amountSell: 100, amountBuy: 77, rate: 0.77, receivedAt: '2026-11-25T10:00:20.000Z' }),
      at(3, { amountSell: 200, amountBuy: 156, rate: 0.78, receivedAt: '2026-11-25T10:40:00.000Z' }),
    ]);
    expect(pairOf(store).direction).toEqual({
      earliest: { start: '2026-11-25T10:00:00.000Z', rate: 0.76 },
      latest: { start: '2026-11-25T10:40:00.000Z', rate: 0.78 },
      changePercent: expect.closeTo((0.78 / 0.76 - 1) * 100, 10),
    });
    // A partition's value holds none: it is derived from the merged minutes.
    expect(store.get(1)?.pairs[EUR_GBP]).not.toHaveProperty('direction');
  });

  test('is none while the pair has trades of one minute only', () => {
    expect(pairOf(foldedStore(0, at(1), at(2))).direction).toBeUndefined();
  });
});

describe('flags', () => {
  const SETTINGS: DetectorSettings = {
    offMarket: { window: 5, minRates: 2, thresholdPercent: 3 },
    velocity: { windowMs: 60_000, maxTrades: 2, maxSold: {} },
  };
  const batch = [
    at(1, { userId: 'a', rate: 0.75, receivedAt: '2026-11-25T10:00:00.000Z' }),
    at(2, { userId: 'b', rate: 0.75, receivedAt: '2026-11-25T10:00:01.000Z' }),
    at(3, { userId: 'a', rate: 0.75, receivedAt: '2026-11-25T10:00:02.000Z' }),
    at(4, { userId: 'a', rate: 0.9, receivedAt: '2026-11-25T10:00:03.000Z' }),
    { seq: 5, quarantined: 'not JSON' },
    at(6, { userId: 'b', rate: 0.6, receivedAt: '2026-11-25T10:00:04.000Z' }),
  ];

  test('are raised in the order of their trades, off-market first for a trade flagged both ways', () => {
    const { flags } = foldBatch(NO_STATS, batch, SETTINGS);
    expect(flags.map((flag) => [flag.seq, flag.kind])).toEqual([
      [4, 'off-market'],
      [4, 'velocity'],
      [6, 'off-market'],
    ]);
  });

  test("are raised alike by a fold that resumes from its value read back from KV, and the detectors' state with them", () => {
    const whole = foldBatch(NO_STATS, batch, SETTINGS);
    const store: PartitionStore = new Map();
    const flags: Flag[] = [];
    for (const message of batch) applyBatch(store, 0, [message], flags, SETTINGS);
    expect(flags).toEqual(whole.flags);
    expect(JSON.stringify(store.get(0))).toBe(JSON.stringify(whole.stats));
  });

  test('are not raised again by a replay of counted trades', () => {
    const { stats } = foldBatch(NO_STATS, batch, SETTINGS);
    expect(foldBatch(stats, batch, SETTINGS)).toEqual({ stats, flags: [] });
  });

  test('start from no history on a value written before there were detectors', () => {
    const { detectors: _detectors, ...older } = foldPartition(NO_STATS, batch.slice(0, 3), SETTINGS);
    const { stats, flags } = foldBatch(older, batch.slice(3), SETTINGS);
    expect(flags).toEqual([]);
    expect(stats.detectors).toEqual({
      rates: { [EUR_GBP]: [0.9, 0.6] },
      velocity: { start: Date.parse('2026-11-25T10:00:00.000Z'), users: ['a', 'b'], trades: [1, 1], sold: [] },
    });
  });
});
