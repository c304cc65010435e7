import { StatsView, type ViewEntry } from './stats-view';

const put = (key: string, value: unknown): ViewEntry => ({
  key,
  operation: 'PUT',
  value: new TextEncoder().encode(JSON.stringify(value)),
});
const removal = (key: string, operation: 'DEL' | 'PURGE' = 'DEL'): ViewEntry => ({ key, operation, value: new Uint8Array() });

const country = (count: number) => ({ country: 'FR', count, sold: { EUR: String(count) } });

describe('StatsView', () => {
  test('keeps each figure without its partitions, serialised, and says what changed', () => {
    const view = new StatsView();
    const change = view.apply(put('countries.FR', { ...country(2), partitions: { '0': { ...country(2), lastSeq: 9 } } }));
    expect(change).toEqual({ kind: 'countries', name: 'FR' });
    expect(JSON.parse(view.figureJson('countries', 'FR')!)).toEqual(country(2));
    expect(JSON.parse(view.allJson('countries'))).toEqual({ FR: country(2) });
    expect(view.apply(put('pairs.EUR-GBP', { from: 'EUR', partitions: {} }))).toEqual({ kind: 'pairs', name: 'EUR-GBP' });
    expect(JSON.parse(view.allJson('pairs'))).toEqual({ 'EUR-GBP': { from: 'EUR' } });
  });

  test('reads the total and each partition checkpoint from the total key', () => {
    const view = new StatsView();
    expect(view.apply(put('total', { total: 7, partitions: { '0': { total: 4, lastSeq: 10 }, '3': { total: 3, lastSeq: 12 } } }))).toEqual({
      kind: 'total',
    });
    expect(view.total).toBe(7);
    expect([...view.checkpoints]).toEqual([
      [0, 10],
      [3, 12],
    ]);
  });

  test('never lowers the total: not from KV, not from an update, not from a deleted key', () => {
    const view = new StatsView(5);
    expect(view.apply(put('total', { total: 3, partitions: {} }))).toEqual({ kind: 'none' });
    expect(view.raiseTotal(4)).toBe(false);
    expect(view.apply(removal('total'))).toEqual({ kind: 'none' });
    expect(view.total).toBe(5);
    expect(view.raiseTotal(6)).toBe(true);
    expect(view.total).toBe(6);
  });

  test('a deleted or purged figure is removed, and asks for a fresh snapshot', () => {
    const view = new StatsView();
    view.apply(put('countries.FR', { ...country(1), partitions: {} }));
    expect(view.apply(removal('countries.FR', 'PURGE'))).toEqual({ kind: 'removed' });
    expect(view.allJson('countries')).toBe('{}');
    expect(view.apply(removal('countries.FR'))).toEqual({ kind: 'none' });
  });

  test('ignores keys it does not know, and counts every change in its version', () => {
    const view = new StatsView();
    expect(view.apply(put('other.key', { x: 1 }))).toEqual({ kind: 'none' });
    expect(view.version).toBe(0);
    view.apply(put('countries.FR', { ...country(1), partitions: {} }));
    view.raiseTotal(1);
    expect(view.version).toBe(2);
  });

  test('throws on a value that is not JSON, changing nothing', () => {
    const view = new StatsView();
    expect(() => view.apply({ key: 'countries.FR', operation: 'PUT', value: new TextEncoder().encode('{') })).toThrow();
    expect(view.allJson('countries')).toBe('{}');
  });
});
