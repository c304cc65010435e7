import { compareStats } from './compare';

const total = (count: number, lastSeq: number) => ({ total: count, partitions: { '0': { total: count, lastSeq } } });
const pair = (count: number, sold: string, minutes: { start: string; count: number }[]) => ({
  from: 'EUR',
  to: 'GBP',
  count,
  sold,
  minutes,
});

describe('compareStats', () => {
  test('finds nothing when every key holds the same figures, in whatever field order', () => {
    const expected = new Map<string, unknown>([['total', total(2, 7)]]);
    const actual = new Map<string, unknown>([['total', { partitions: { '0': { lastSeq: 7, total: 2 } }, total: 2 }]]);
    expect(compareStats(expected, actual)).toEqual([]);
  });

  test('names each differing figure by key and path, merged figures and partition shares alike', () => {
    const expected = new Map<string, unknown>([['total', total(2, 7)]]);
    const actual = new Map<string, unknown>([['total', { total: 3, partitions: { '0': { total: 2, lastSeq: 6 } } }]]);
    expect(compareStats(expected, actual)).toEqual([
      { key: 'total', path: 'total', expected: 2, actual: 3 },
      { key: 'total', path: 'partitions.0.lastSeq', expected: 7, actual: 6 },
    ]);
  });

  test('tells a decimal string from a number, and compares buckets one by one', () => {
    const expected = new Map<string, unknown>([['pairs.EUR-GBP', pair(2, '1000', [{ start: 'a', count: 2 }])]]);
    const actual = new Map<string, unknown>([
      ['pairs.EUR-GBP', pair(2, 1000 as unknown as string, [{ start: 'a', count: 1 }, { start: 'b', count: 1 }])],
    ]);
    expect(compareStats(expected, actual)).toEqual([
      { key: 'pairs.EUR-GBP', path: 'sold', expected: '1000', actual: 1000 },
      { key: 'pairs.EUR-GBP', path: 'minutes[0].count', expected: 2, actual: 1 },
      { key: 'pairs.EUR-GBP', path: 'minutes[1]', expected: undefined, actual: { start: 'b', count: 1 } },
    ]);
  });

  test('names a field present on one side only', () => {
    const expected = new Map<string, unknown>([['countries.FR', { count: 1, sold: { EUR: '5' } }]]);
    const actual = new Map<string, unknown>([['countries.FR', { count: 1, sold: { USD: '5' } }]]);
    expect(compareStats(expected, actual)).toEqual([
      { key: 'countries.FR', path: 'sold.EUR', expected: '5', actual: undefined },
      { key: 'countries.FR', path: 'sold.USD', expected: undefined, actual: '5' },
    ]);
  });

  test('names a key missing from KV and a key KV has but the recount does not, in key order', () => {
    const expected = new Map<string, unknown>([
      ['total', total(1, 1)],
      ['countries.FR', { count: 1 }],
    ]);
    const actual = new Map<string, unknown>([
      ['total', total(1, 1)],
      ['countries.DE', { count: 1 }],
    ]);
    expect(compareStats(expected, actual)).toEqual([
      { key: 'countries.DE', path: '', expected: undefined, actual: { count: 1 } },
      { key: 'countries.FR', path: '', expected: { count: 1 }, actual: undefined },
    ]);
  });

  test('reports a value of another shape as a whole', () => {
    const expected = new Map<string, unknown>([['total', total(1, 1)]]);
    const actual = new Map<string, unknown>([['total', 'not json']]);
    expect(compareStats(expected, actual)).toEqual([
      { key: 'total', path: '', expected: total(1, 1), actual: 'not json' },
    ]);
  });
});
