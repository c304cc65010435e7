import { formatReport } from './report';

describe('formatReport', () => {
  test('says so in one line when all figures agree', () => {
    expect(formatReport({ trades: 12, keys: 5, differences: [] })).toBe(
      'verified: 12 trades, 5 keys, all figures agree',
    );
  });

  test('lists each difference as key path: expected, KV has, then how many', () => {
    const report = formatReport({
      trades: 12,
      keys: 5,
      differences: [
        { key: 'partitions.2', path: 'total', expected: 741, actual: 732 },
        { key: 'partitions.2', path: 'pairs.EUR-GBP.sold', expected: '1000.5', actual: '1000' },
        { key: 'partitions.3', path: '', expected: { lastSeq: 1 }, actual: undefined },
        { key: 'partitions.7', path: '', expected: undefined, actual: 'x'.repeat(300) },
      ],
    });
    expect(report.split('\n')).toEqual([
      'partitions.2 total: expected 741, KV has 732',
      'partitions.2 pairs.EUR-GBP.sold: expected "1000.5", KV has "1000"',
      'partitions.3: expected {"lastSeq":1}, KV has nothing',
      `partitions.7: expected nothing, KV has "${'x'.repeat(199)}…`,
      'FAILED: 4 figures differ (12 trades, 5 keys)',
    ]);
  });

  test('counts a single difference in the singular', () => {
    const difference = { key: 'partitions.0', path: 'total', expected: 1, actual: 2 };
    const report = formatReport({ trades: 1, keys: 3, differences: [difference] });
    expect(report.split('\n').pop()).toBe('FAILED: 1 figure differs (1 trade, 3 keys)');
  });
});
