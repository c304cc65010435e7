import { foldBatch, type StatsValue } from './fold';
import type { CountryValue, PairValue, TotalValue } from './model';
import { withoutPartitions } from './partitioned';
import { applyBatch, at } from './spec-helpers';

const nothingStored = () => undefined;
const EUR_GBP = 'pairs.EUR-GBP';

const valueOf = <V extends StatsValue>(store: Map<string, StatsValue>, key: string) => store.get(key) as V;
const foldedStore = (partition: number, ...trades: Parameters<typeof applyBatch>[2]) => {
  const store = new Map<string, StatsValue>();
  applyBatch(store, partition, trades);
  return store;
};

describe('a pair', () => {
  test('is folded from one trade into merged figures and the partition share', () => {
    const figures = {
      from: 'EUR',
      to: 'GBP',
      count: 1,
      sold: '1000',
      bought: '747.1',
      rate: { last: 0.7471, min: 0.7471, max: 0.7471 },
      lastAt: '2026-11-25T10:27:44.000Z',
      minutes: [{ start: '2026-11-25T10:27:00.000Z', count: 1, sold: '1000' }],
      hours: [{ start: '2026-11-25T10:00:00.000Z', count: 1, sold: '1000' }],
    };
    expect(foldBatch(nothingStored, 2, [at(7)]).get(EUR_GBP)).toEqual({
      ...figures,
      partitions: { '2': { ...figures, lastSeq: 7 } },
    });
  });

  test('counts trades and sums amounts sold and bought exactly', () => {
    const store = foldedStore(
      0,
      at(1, { amountSell: 0.1, amountBuy: 0.07471 }),
      at(2, { amountSell: 0.2, amountBuy: 0.14942 }),
      at(3, { amountSell: 1e12, amountBuy: 747.1e9 }),
    );
    const pair = valueOf<PairValue>(store, EUR_GBP);
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
    const pair = valueOf<PairValue>(store, EUR_GBP);
    expect(pair.rate).toEqual({ last: 0.745, min: 0.74, max: 0.76 });
    expect(pair.lastAt).toBe('2026-11-25T10:27:43.000Z');
  });

  test("takes a partition's last rate from its highest seq, even when that trade was received earlier", () => {
    const store = foldedStore(
      0,
      at(1, { rate: 0.75, receivedAt: '2026-11-25T10:27:45.000Z' }),
      at(2, { rate: 0.74, receivedAt: '2026-11-25T10:27:44.000Z' }),
    );
    const pair = valueOf<PairValue>(store, EUR_GBP);
    expect(pair.partitions['0'].rate.last).toBe(0.74);
    expect(pair.partitions['0'].lastAt).toBe('2026-11-25T10:27:44.000Z');
    expect(pair.rate.last).toBe(0.74);
  });

  test('is one key per direction', () => {
    const store = foldedStore(
      0,
      at(1),
      at(2, { currencyFrom: 'GBP', currencyTo: 'EUR', amountSell: 747.1, amountBuy: 1000, rate: 1.3385 }),
    );
    expect(valueOf<PairValue>(store, EUR_GBP)).toMatchObject({ from: 'EUR', to: 'GBP', count: 1, sold: '1000' });
    expect(valueOf<PairValue>(store, 'pairs.GBP-EUR')).toMatchObject({
      from: 'GBP',
      to: 'EUR',
      count: 1,
      sold: '747.1',
    });
  });

  test('buckets the amount sold per minute and per hour of receivedAt, not of timePlaced', () => {
    const store = foldedStore(
      0,
      at(1, { amountSell: 1, receivedAt: '2026-11-25T10:27:10.000Z' }),
      at(2, { amountSell: 2, receivedAt: '2026-11-25T10:27:59.999Z' }),
      at(3, { amountSell: 4, receivedAt: '2026-11-25T10:28:00.000Z' }),
      at(4, { amountSell: 8, receivedAt: '2026-11-25T11:02:30.000Z' }),
    );
    const pair = valueOf<PairValue>(store, EUR_GBP);
    expect(pair.minutes).toEqual([
      { start: '2026-11-25T10:27:00.000Z', count: 2, sold: '3' },
      { start: '2026-11-25T10:28:00.000Z', count: 1, sold: '4' },
      { start: '2026-11-25T11:02:00.000Z', count: 1, sold: '8' },
    ]);
    expect(pair.hours).toEqual([
      { start: '2026-11-25T10:00:00.000Z', count: 3, sold: '7' },
      { start: '2026-11-25T11:00:00.000Z', count: 1, sold: '8' },
    ]);
  });

  test('lets old buckets fall out of the windows as newer trades arrive, and ignores a late one outside', () => {
    const store = foldedStore(
      0,
      at(1, { receivedAt: '2026-11-25T10:00:30.000Z' }),
      at(2, { receivedAt: '2026-11-25T10:01:30.000Z' }),
      at(3, { receivedAt: '2026-11-25T11:00:30.000Z' }),
    );
    const minutes = () => valueOf<PairValue>(store, EUR_GBP).minutes.map((bucket) => bucket.start);
    expect(minutes()).toEqual(['2026-11-25T10:01:00.000Z', '2026-11-25T11:00:00.000Z']);

    applyBatch(store, 0, [at(4, { receivedAt: '2026-11-25T10:00:59.000Z' })]);
    expect(minutes()).toEqual(['2026-11-25T10:01:00.000Z', '2026-11-25T11:00:00.000Z']);
    expect(valueOf<PairValue>(store, EUR_GBP).count).toBe(4);

    applyBatch(store, 0, [at(5, { receivedAt: '2026-11-27T10:59:00.000Z' })]);
    expect(valueOf<PairValue>(store, EUR_GBP).hours.map((bucket) => bucket.start)).toEqual([
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
    const figures = { country: 'FR', count: 3, sold: { EUR: '1000.5', USD: '12.5' } };
    expect(valueOf<CountryValue>(store, 'countries.FR')).toEqual({
      ...figures,
      partitions: { '1': { ...figures, lastSeq: 3 } },
    });
    expect(valueOf<CountryValue>(store, 'countries.GB')).toMatchObject({ count: 1, sold: { EUR: '3' } });
  });
});

describe('the total', () => {
  test('adds up the partitions, and keeps each partition’s last seq as its checkpoint', () => {
    const store = new Map<string, StatsValue>();
    applyBatch(store, 0, [at(1), at(3)]);
    applyBatch(store, 1, [at(2), at(4, { currencyTo: 'USD' }), at(5, { originatingCountry: 'DE' })]);
    expect(store.get('total')).toEqual({
      total: 5,
      partitions: { '0': { total: 2, lastSeq: 3 }, '1': { total: 3, lastSeq: 5 } },
    });
  });

  test('moves its checkpoint to the last seq of every batch, whatever pair and country the batch touches', () => {
    const store = foldedStore(0, at(1), at(2));
    const folded = applyBatch(store, 0, [at(3, { currencyTo: 'USD', originatingCountry: 'DE' })]);
    expect((folded.get('total') as TotalValue).partitions['0']).toEqual({ total: 3, lastSeq: 3 });
    expect([...folded.keys()].sort()).toEqual(['countries.DE', 'pairs.EUR-USD', 'total']);
  });

  test('is returned unchanged, alone, when the whole batch was counted before', () => {
    const store = foldedStore(0, at(1), at(2));
    const before = store.get('total');
    const folded = applyBatch(store, 0, [at(1), at(2)]);
    expect([...folded.keys()]).toEqual(['total']);
    expect(folded.get('total')).toEqual(before);
  });

  test('an empty batch changes nothing', () => {
    expect(foldBatch(nothingStored, 0, [])).toEqual(new Map());
    const store = foldedStore(0, at(1));
    expect(applyBatch(store, 0, [])).toEqual(new Map([['total', store.get('total')]]));
  });
});

describe('the sequence guard', () => {
  test('counts a redelivered trade (same seq) once', () => {
    const trade = at(5);
    const store = foldedStore(0, trade);
    applyBatch(store, 0, [trade]);
    expect(valueOf<PairValue>(store, EUR_GBP).count).toBe(1);
    expect(valueOf<TotalValue>(store, 'total').total).toBe(1);
  });

  test('counts a trade repeated within one batch once', () => {
    const trade = at(3);
    expect(valueOf<PairValue>(foldedStore(0, trade, trade), EUR_GBP).count).toBe(1);
  });

  test('skips a trade with an older seq than the share has counted', () => {
    const store = foldedStore(0, at(10));
    const before = structuredClone(store);
    const folded = applyBatch(store, 0, [at(8, { amountSell: 5 })]);
    expect([...folded.keys()]).toEqual(['total']);
    expect(store).toEqual(before);
  });

  test('folds an overlapping replay into exactly what one batch would give', () => {
    const trades = [1, 2, 3, 4, 5].map((seq) => at(seq, { rate: 0.74 + seq / 1000 }));
    const replayed = foldedStore(0, ...trades.slice(0, 3));
    applyBatch(replayed, 0, trades.slice(1));
    applyBatch(replayed, 0, trades);
    expect(replayed).toEqual(foldedStore(0, ...trades));
  });

  test('guards each key by its own last seq', () => {
    const store = foldedStore(0, at(1), at(2, { currencyTo: 'USD' }));
    expect(valueOf<PairValue>(store, EUR_GBP).partitions['0'].lastSeq).toBe(1);
    const folded = applyBatch(store, 0, [at(2, { currencyTo: 'USD' }), at(3)]);
    expect(folded.has('pairs.EUR-USD')).toBe(false);
    expect(valueOf<PairValue>(store, EUR_GBP)).toMatchObject({ count: 2, partitions: { '0': { lastSeq: 3 } } });
    expect(valueOf<PairValue>(store, 'pairs.EUR-USD').count).toBe(1);
  });

  test('lets a replay bring up to date a key whose last write was lost, without counting the others twice', () => {
    const trades = [at(1), at(2, { currencyTo: 'USD' }), at(3)];
    const store = foldedStore(0, trades[0]);
    const afterFirst = store.get(EUR_GBP) as StatsValue;
    applyBatch(store, 0, trades.slice(1));
    store.set(EUR_GBP, afterFirst); // as if the write of this key had failed
    applyBatch(store, 0, trades);
    expect(store).toEqual(foldedStore(0, ...trades));
  });
});

describe('merging partitions', () => {
  test('adds counts and amounts, takes min and max over all, and keeps every share', () => {
    const store = new Map<string, StatsValue>();
    applyBatch(store, 0, [at(1, { rate: 0.75, amountSell: 0.1 }), at(3, { rate: 0.73, amountSell: 0.1 })]);
    applyBatch(store, 1, [at(2, { rate: 0.77, amountSell: 0.1 })]);
    const pair = valueOf<PairValue>(store, EUR_GBP);
    expect(pair).toMatchObject({ count: 3, sold: '0.3', rate: { min: 0.73, max: 0.77 } });
    expect(pair.partitions['0']).toMatchObject({ count: 2, sold: '0.2', rate: { min: 0.73, max: 0.75 }, lastSeq: 3 });
    expect(pair.partitions['1']).toMatchObject({ count: 1, sold: '0.1', rate: { min: 0.77, max: 0.77 }, lastSeq: 2 });
    expect(valueOf<CountryValue>(store, 'countries.FR')).toMatchObject({ count: 3, sold: { EUR: '0.3' } });
  });

  test('takes the last rate from the share received last, not the one folded last', () => {
    const store = new Map<string, StatsValue>();
    applyBatch(store, 0, [at(2, { rate: 0.75, receivedAt: '2026-11-25T10:27:45.000Z' })]);
    applyBatch(store, 1, [at(1, { rate: 0.74, receivedAt: '2026-11-25T10:27:44.000Z' })]);
    expect(valueOf<PairValue>(store, EUR_GBP)).toMatchObject({
      rate: { last: 0.75 },
      lastAt: '2026-11-25T10:27:45.000Z',
    });
  });

  test('on a tie of lastAt, takes the last rate of the higher partition, whatever the order of folding', () => {
    for (const order of [
      [2, 10],
      [10, 2],
    ]) {
      const store = new Map<string, StatsValue>();
      for (const partition of order) applyBatch(store, partition, [at(partition, { rate: partition })]);
      expect(valueOf<PairValue>(store, EUR_GBP).rate.last).toBe(10);
    }
  });

  test('adds buckets of the same start, and trims the merged window from the newest bucket of all', () => {
    const store = new Map<string, StatsValue>();
    applyBatch(store, 0, [at(1, { amountSell: 1, receivedAt: '2026-11-25T12:00:10.000Z' })]);
    applyBatch(store, 1, [
      at(2, { amountSell: 2, receivedAt: '2026-11-25T10:30:00.000Z' }),
      at(3, { amountSell: 4, receivedAt: '2026-11-25T12:00:50.000Z' }),
    ]);
    const pair = valueOf<PairValue>(store, EUR_GBP);
    expect(pair.minutes).toEqual([{ start: '2026-11-25T12:00:00.000Z', count: 2, sold: '5' }]);
    expect(pair.hours).toEqual([
      { start: '2026-11-25T10:00:00.000Z', count: 1, sold: '2' },
      { start: '2026-11-25T12:00:00.000Z', count: 2, sold: '5' },
    ]);
    expect(pair.partitions['1'].minutes.map((bucket) => bucket.start)).toEqual([
      '2026-11-25T12:00:00.000Z',
    ]);

    const late = new Map<string, StatsValue>();
    applyBatch(late, 0, [at(1, { receivedAt: '2026-11-25T12:00:10.000Z' })]);
    applyBatch(late, 1, [at(2, { receivedAt: '2026-11-25T11:30:00.000Z' })]);
    expect(valueOf<PairValue>(late, EUR_GBP).minutes.map((bucket) => bucket.start)).toEqual([
      '2026-11-25T11:30:00.000Z',
      '2026-11-25T12:00:00.000Z',
    ]);
    expect(valueOf<PairValue>(late, EUR_GBP).partitions['1'].minutes).toHaveLength(1);
  });
});

describe('withoutPartitions', () => {
  test('gives the merged figures alone, leaving the stored value as it is', () => {
    const store = new Map<string, StatsValue>();
    applyBatch(store, 0, [at(1)]);
    applyBatch(store, 3, [at(2, { originatingCountry: 'GB' })]);
    const total = valueOf<TotalValue>(store, 'total');
    expect(withoutPartitions(total)).toEqual({ total: 2 });
    expect(Object.keys(total.partitions)).toEqual(['0', '3']);
    const { partitions: _shares, ...figures } = valueOf<PairValue>(store, EUR_GBP);
    expect(withoutPartitions(valueOf<PairValue>(store, EUR_GBP))).toEqual(figures);
  });
});
