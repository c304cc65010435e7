import { EXAMPLE_TRADE, type Trade } from '@tradeflow/contract';
import { foldPartition, mergePartitions, NO_STATS, type PartitionStats, partitionStatsKey } from '@tradeflow/fold';
import { StatsView, type ViewEntry } from './stats-view';

const encode = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));
const put = (partition: number, stats: PartitionStats): ViewEntry => ({
  key: partitionStatsKey(partition),
  operation: 'PUT',
  value: encode(stats),
});
const removal = (partition: number, operation: 'DEL' | 'PURGE' = 'DEL'): ViewEntry => ({
  key: partitionStatsKey(partition),
  operation,
  value: new Uint8Array(),
});

let tradeCount = 0;
const trade = (fields: Partial<Trade> = {}): Trade => ({
  ...EXAMPLE_TRADE,
  id: `trade-${++tradeCount}`,
  timePlacedIso: '2018-01-24T10:27:44.000Z',
  receivedAt: '2026-01-02T10:00:00.000Z',
  ...fields,
});

/** A partition's value after its trades, numbered from seq 1 on, as process would write it. */
const folded = (...trades: Trade[]): PartitionStats =>
  foldPartition(
    NO_STATS,
    trades.map((each, index) => ({ seq: index + 1, trade: each })),
  );

const read = (json: string | undefined) => (json === undefined ? undefined : JSON.parse(json));

describe('StatsView', () => {
  test('merges each figure over the partitions, keeps it serialised, and says what changed', () => {
    const view = new StatsView();
    expect(view.apply(put(0, folded(trade(), trade({ originatingCountry: 'DE' }))))).toEqual([
      { kind: 'pairs', name: 'EUR-GBP' },
      { kind: 'countries', name: 'FR' },
      { kind: 'countries', name: 'DE' },
      { kind: 'total' },
    ]);
    expect(view.apply(put(1, folded(trade({ amountSell: 5 }))))).toEqual([
      { kind: 'pairs', name: 'EUR-GBP' },
      { kind: 'countries', name: 'FR' },
      { kind: 'total' },
    ]);
    expect(view.total).toBe(3);
    expect(read(view.figureJson('countries', 'FR'))).toEqual({ country: 'FR', count: 2, sold: { EUR: '1005' } });
    expect(read(view.figureJson('pairs', 'EUR-GBP'))).toMatchObject({ count: 3, sold: '2005' });
    expect(JSON.parse(view.allJson('countries'))).toEqual({
      FR: { country: 'FR', count: 2, sold: { EUR: '1005' } },
      DE: { country: 'DE', count: 1, sold: { EUR: '1000' } },
    });
  });

  test('sums the messages set aside over the partitions, only ever up, and a value without the count as none', () => {
    const view = new StatsView();
    const setAside = (quarantined: number) => ({ ...folded(trade()), quarantined, lastSeq: 1 + quarantined });
    expect(view.apply(put(0, setAside(2)))).toContainEqual({ kind: 'total' });
    expect(view.quarantined).toBe(2);
    // Only the count moved: a change of counts all the same.
    expect(view.apply(put(0, setAside(3)))).toEqual([{ kind: 'total' }]);
    view.apply(put(1, setAside(4)));
    expect(view.quarantined).toBe(7);
    view.apply(put(1, setAside(1)));
    expect(view.quarantined).toBe(7);
    const { quarantined: _quarantined, ...older } = folded(trade(), trade());
    view.apply(put(2, older as PartitionStats));
    expect(view.quarantined).toBe(7);
    expect(view.total).toBe(4);
    const reloaded = new StatsView();
    reloaded.raiseQuarantinedFloor(view.quarantined);
    expect(reloaded.quarantined).toBe(7);
  });

  test("a partition's new value merges again only the figures it changed", () => {
    const view = new StatsView();
    const before = [trade(), trade({ originatingCountry: 'DE', currencyTo: 'USD' })];
    const after = folded(...before, trade({ originatingCountry: 'DE' }));
    view.apply(put(0, folded(...before)));
    expect(view.apply(put(0, after))).toEqual([
      { kind: 'pairs', name: 'EUR-GBP' },
      { kind: 'countries', name: 'DE' },
      { kind: 'total' },
    ]);
    // The same value again: nothing to tell.
    const version = view.version;
    expect(view.apply(put(0, after))).toEqual([]);
    expect(view.version).toBe(version);
  });

  test('merges in ascending partition order whatever order the values came in, as mergePartitions does', () => {
    // Received at the same instant: the higher partition's rate is the last one.
    const partitions = new Map([
      [10, folded(trade({ originatingCountry: 'GB' }), trade({ rate: 0.75, amountBuy: 750 }))],
      [2, folded(trade({ rate: 0.74, amountBuy: 740 }), trade({ currencyFrom: 'USD', amountSell: 0.1 }))],
      [3, folded(trade({ rate: 0.73, amountBuy: 730, receivedAt: '2026-01-02T09:00:00.000Z' }))],
    ]);
    const view = new StatsView();
    for (const [partition, stats] of partitions) view.apply(put(partition, stats));
    const expected = mergePartitions([2, 3, 10].map((partition) => partitions.get(partition)!));
    expect(JSON.parse(view.allJson('pairs'))).toEqual(expected.pairs);
    expect(JSON.parse(view.allJson('countries'))).toEqual(expected.countries);
    expect(read(view.figureJson('pairs', 'EUR-GBP')).rate).toEqual({ last: 0.75, min: 0.73, max: 0.75 });
    expect(view.total).toBe(expected.total);
  });

  test("reads each partition's checkpoint from its value", () => {
    const view = new StatsView();
    view.apply(put(0, { ...folded(trade()), lastSeq: 10 }));
    view.apply(put(3, { ...folded(trade()), lastSeq: 12 }));
    expect([...view.checkpoints]).toEqual([
      [0, 10],
      [3, 12],
    ]);
    view.apply(removal(3));
    expect([...view.checkpoints]).toEqual([[0, 10]]);
  });

  test("the total is the sum of the partitions' largest totals from KV and updates, never below the floor", () => {
    const view = new StatsView();
    expect(view.apply(put(0, { ...folded(trade()), total: 4 }))).toContainEqual({ kind: 'total' });
    expect(view.raisePartitionTotal(1, 3)).toBe(true);
    expect(view.total).toBe(7);
    // Lower than what was said of the partition before: from KV, from an update.
    expect(view.apply(put(0, { ...folded(trade()), total: 2 }))).not.toContainEqual({ kind: 'total' });
    expect(view.raisePartitionTotal(1, 1)).toBe(false);
    expect(view.total).toBe(7);
    // A deleted partition is not a count of zero.
    view.apply(removal(0));
    expect(view.total).toBe(7);

    view.raiseFloor(9);
    expect(view.total).toBe(9);
    expect(view.raisePartitionTotal(1, 4)).toBe(false);
    expect(view.raisePartitionTotal(1, 6)).toBe(true);
    expect(view.total).toBe(10);
  });

  test('a deleted or purged partition takes its figures away, and asks for a fresh snapshot', () => {
    const view = new StatsView();
    view.apply(put(0, folded(trade(), trade({ originatingCountry: 'DE' }))));
    view.apply(put(1, folded(trade())));
    expect(view.apply(removal(0, 'PURGE'))).toEqual([{ kind: 'removed' }]);
    expect(Object.keys(JSON.parse(view.allJson('countries')))).toEqual(['FR']);
    expect(read(view.figureJson('pairs', 'EUR-GBP')).count).toBe(1);
    expect(view.apply(removal(0))).toEqual([]);
    expect(view.apply(removal(1))).toEqual([{ kind: 'removed' }]);
    expect(view.allJson('pairs')).toBe('{}');
  });

  test("a figure gone from a partition's value changes if another partition has it, else asks for a snapshot", () => {
    const view = new StatsView();
    view.apply(put(0, folded(trade(), trade({ originatingCountry: 'DE' }))));
    view.apply(put(1, folded(trade())));
    view.allJson('countries'); // as a snapshot reads it
    expect(view.apply(put(0, folded(trade())))).toEqual([{ kind: 'removed' }]);
    expect(Object.keys(JSON.parse(view.allJson('countries')))).toEqual(['FR']);
    expect(view.apply(put(1, folded(trade({ originatingCountry: 'DE' }))))).toEqual([
      { kind: 'countries', name: 'DE' },
      { kind: 'countries', name: 'FR' },
    ]);
    expect(read(view.figureJson('countries', 'FR')).count).toBe(1);
  });

  test('merges a changed figure once, when it is read, from the latest values', () => {
    const view = new StatsView();
    view.apply(put(0, folded(trade())));
    view.apply(put(1, folded(trade())));
    view.apply(put(0, folded(trade(), trade())));
    expect(read(view.figureJson('pairs', 'EUR-GBP')).count).toBe(3);
    expect(JSON.parse(view.allJson('pairs'))).toEqual(
      mergePartitions([folded(trade(), trade()), folded(trade())]).pairs,
    );
    // A figure gone before it was ever read: no client has it, none needs a snapshot.
    view.apply(put(2, folded(trade({ originatingCountry: 'DE' }))));
    expect(view.apply(put(2, folded(trade())))).toEqual([{ kind: 'countries', name: 'FR' }]);
    expect(view.figureJson('countries', 'DE')).toBeUndefined();
  });

  test('ignores keys that are no partition, and counts every change in its version', () => {
    const view = new StatsView();
    for (const key of ['total', 'pairs.EUR-GBP', 'partitions', 'partitions.x', 'partitions.-1']) {
      expect(view.apply({ key, operation: 'PUT', value: encode({ x: 1 }) })).toEqual([]);
    }
    expect(view.version).toBe(0);
    view.apply(put(0, folded(trade())));
    view.raisePartitionTotal(0, 2);
    view.raiseRefused(1);
    expect(view.version).toBe(4);
  });

  test.each([
    ['not JSON', new TextEncoder().encode('{')],
    ['not the figures of a partition', encode({ total: 1, partitions: {} })],
  ])('throws on a value that is %s, changing nothing', (_, value) => {
    const view = new StatsView();
    expect(() => view.apply({ key: partitionStatsKey(0), operation: 'PUT', value })).toThrow();
    expect(view.allJson('countries')).toBe('{}');
    expect(view.checkpoints.size).toBe(0);
    expect(view.version).toBe(0);
  });
});
