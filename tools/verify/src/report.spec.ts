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
        { key: 'pairs.EUR-GBP', path: 'partitions.1.count', expected: 3, actual: 4 },
        { key: 'pairs.EUR-GBP', path: 'sold', expected: '1000.5', actual: '1000' },
        { key: 'countries.DE', path: '', expected: { count: 1 }, actual: undefined },
        { key: 'countries.XX', path: '', expected: undefined, actual: 'x'.repeat(300) },
      ],
    });
    expect(report.split('\n')).toEqual([
      'pairs.EUR-GBP partitions.1.count: expected 3, KV has 4',
      'pairs.EUR-GBP sold: expected "1000.5", KV has "1000"',
      'countries.DE: expected {"count":1}, KV has nothing',
      `countries.XX: expected nothing, KV has "${'x'.repeat(199)}…`,
      'FAILED: 4 figures differ (12 trades, 5 keys)',
    ]);
  });

  test('counts a single difference in the singular', () => {
    const difference = { key: 'total', path: 'total', expected: 1, actual: 2 };
    const report = formatReport({ trades: 1, keys: 3, differences: [difference] });
    expect(report.split('\n').pop()).toBe('FAILED: 1 figure differs (1 trade, 3 keys)');
  });
});
