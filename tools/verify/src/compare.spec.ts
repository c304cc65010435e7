import { compareStats } from './compare';

const partition = (total: number, lastSeq: number, pairs: Record<string, unknown> = {}) => ({
  lastSeq,
  total,
  pairs,
  countries: {},
});
const pair = (count: number, sold: string, minutes: { start: string; count: number }[]) => ({
  from: 'EUR',
  to: 'GBP',
  count,
  sold,
  minutes,
});

describe('compareStats', () => {
  test('finds nothing when every key holds the same figures, in whatever field order', () => {
    const expected = new Map<string, unknown>([['partitions.0', partition(2, 7)]]);
    const actual = new Map<string, unknown>([['partitions.0', { countries: {}, pairs: {}, total: 2, lastSeq: 7 }]]);
    expect(compareStats(expected, actual)).toEqual([]);
  });

  test('names each differing figure by key and path within the value', () => {
    const expected = new Map<string, unknown>([['partitions.0', partition(2, 7, { 'EUR-GBP': pair(2, '1000', []) })]]);
    const actual = new Map<string, unknown>([['partitions.0', partition(3, 6, { 'EUR-GBP': pair(3, '1000', []) })]]);
    expect(compareStats(expected, actual)).toEqual([
      { key: 'partitions.0', path: 'lastSeq', expected: 7, actual: 6 },
      { key: 'partitions.0', path: 'total', expected: 2, actual: 3 },
      { key: 'partitions.0', path: 'pairs.EUR-GBP.count', expected: 2, actual: 3 },
    ]);
  });

  test('tells a decimal string from a number, and compares buckets one by one', () => {
    const expected = new Map<string, unknown>([
      ['partitions.0', partition(2, 2, { 'EUR-GBP': pair(2, '1000', [{ start: 'a', count: 2 }]) })],
    ]);
    const actual = new Map<string, unknown>([
      [
        'partitions.0',
        partition(2, 2, {
          'EUR-GBP': pair(2, 1000 as unknown as string, [
            { start: 'a', count: 1 },
            { start: 'b', count: 1 },
          ]),
        }),
      ],
    ]);
    expect(compareStats(expected, actual)).toEqual([
      { key: 'partitions.0', path: 'pairs.EUR-GBP.sold', expected: '1000', actual: 1000 },
      { key: 'partitions.0', path: 'pairs.EUR-GBP.minutes[0].count', expected: 2, actual: 1 },
      { key: 'partitions.0', path: 'pairs.EUR-GBP.minutes[1]', expected: undefined, actual: { start: 'b', count: 1 } },
    ]);
  });

  test('names a field present on one side only', () => {
    const expected = new Map<string, unknown>([
      ['partitions.0', { countries: { FR: { count: 1, sold: { EUR: '5' } } } }],
    ]);
    const actual = new Map<string, unknown>([
      ['partitions.0', { countries: { FR: { count: 1, sold: { USD: '5' } } } }],
    ]);
    expect(compareStats(expected, actual)).toEqual([
      { key: 'partitions.0', path: 'countries.FR.sold.EUR', expected: '5', actual: undefined },
      { key: 'partitions.0', path: 'countries.FR.sold.USD', expected: undefined, actual: '5' },
    ]);
  });

  test('names a key missing from KV and a key KV has but the recount does not, partitions in numeric order', () => {
    const expected = new Map<string, unknown>([
      ['partitions.10', partition(1, 1)],
      ['partitions.2', partition(1, 1)],
    ]);
    const actual = new Map<string, unknown>([
      ['partitions.3', partition(1, 1)],
      ['total', { total: 2 }],
    ]);
    expect(compareStats(expected, actual).map(({ key, expected, actual }) => [key, expected, actual])).toEqual([
      ['partitions.2', partition(1, 1), undefined],
      ['partitions.3', undefined, partition(1, 1)],
      ['partitions.10', partition(1, 1), undefined],
      ['total', undefined, { total: 2 }],
    ]);
  });

  test('reports a value of another shape as a whole', () => {
    const expected = new Map<string, unknown>([['partitions.0', partition(1, 1)]]);
    const actual = new Map<string, unknown>([['partitions.0', 'not json']]);
    expect(compareStats(expected, actual)).toEqual([
      { key: 'partitions.0', path: '', expected: partition(1, 1), actual: 'not json' },
    ]);
  });
});
