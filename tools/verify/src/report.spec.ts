import { formatReport } from './report';

const NO_FLAGS = { expected: { 'off-market': 0, velocity: 0 }, agedOut: 0, differences: [], doubled: [] };
const NONE = { quarantined: {}, outside: 0, flags: NO_FLAGS };

describe('formatReport', () => {
  test('says so in one line when all figures agree', () => {
    expect(formatReport({ trades: 12, keys: 5, differences: [], ...NONE })).toBe(
      'verified: 12 trades, 5 keys, all figures agree',
    );
  });

  test('lists each difference as key path: expected, KV has, then how many', () => {
    const report = formatReport({
      trades: 12,
      keys: 5,
      ...NONE,
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
    const report = formatReport({ trades: 1, keys: 3, differences: [difference], ...NONE });
    expect(report.split('\n').pop()).toBe('FAILED: 1 figure differs (1 trade, 3 keys)');
  });

  test('names the messages set aside per partition, in partition order, and counts them in the closing line', () => {
    const report = formatReport({ ...NONE, trades: 9, keys: 4, differences: [], quarantined: { 10: 1, 2: 3 } });
    expect(report.split('\n')).toEqual([
      'partition 2: 3 quarantined (set aside, recorded in stream QUARANTINE)',
      'partition 10: 1 quarantined (set aside, recorded in stream QUARANTINE)',
      'verified: 9 trades, 4 quarantined, 4 keys, all figures agree',
    ]);
    const difference = { key: 'partitions.2', path: 'quarantined', expected: 3, actual: 2 };
    expect(
      formatReport({ ...NONE, trades: 9, keys: 4, differences: [difference], quarantined: { 2: 3 } })
        .split('\n')
        .slice(1),
    ).toEqual([
      'partitions.2 quarantined: expected 3, KV has 2',
      'FAILED: 1 figure differs (9 trades, 3 quarantined, 4 keys)',
    ]);
  });

  test('names messages on subjects no partition folds', () => {
    expect(formatReport({ ...NONE, trades: 1, keys: 1, differences: [], outside: 2 }).split('\n')).toEqual([
      "2 messages on a subject that is no partition's: not folded",
      'verified: 1 trade, 1 key, all figures agree',
    ]);
  });

  test('counts the flags by kind when they agree', () => {
    const flags = { ...NO_FLAGS, expected: { 'off-market': 2, velocity: 1 } };
    expect(formatReport({ ...NONE, trades: 40, keys: 4, differences: [], flags })).toBe(
      'verified: 40 trades, 4 keys, 3 flags (2 off-market, 1 velocity), all figures agree',
    );
  });

  test('lists each flag missing, extra, stored otherwise or more than once, and those FLAGS let go', () => {
    const flags = {
      expected: { 'off-market': 1, velocity: 2 },
      agedOut: 4,
      differences: [
        { key: 'off-market:t-1', path: 'reference', expected: 0.75, actual: 0.8 },
        { key: 'velocity:t-2', path: '', expected: { id: 'velocity:t-2' }, actual: undefined },
      ],
      doubled: [{ id: 'velocity:t-3', times: 2 }],
    };
    const difference = { key: 'partitions.0', path: 'total', expected: 1, actual: 2 };
    expect(formatReport({ ...NONE, trades: 40, keys: 4, differences: [difference], flags }).split('\n')).toEqual([
      '4 flags older than what FLAGS keeps (its limits let them go): not compared',
      'partitions.0 total: expected 1, KV has 2',
      'flag off-market:t-1 reference: expected 0.75, FLAGS has 0.8',
      'flag velocity:t-2: expected {"id":"velocity:t-2"}, FLAGS has nothing',
      'flag velocity:t-3: stored 2 times in FLAGS',
      'FAILED: 1 figure differs, 2 flags differ, 1 flag stored more than once (40 trades, 4 keys, 3 flags (1 off-market, 2 velocity))',
    ]);
  });
});
