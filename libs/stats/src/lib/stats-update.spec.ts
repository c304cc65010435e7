import type { StatsUpdate } from './model';
import { tradeWith } from './spec-helpers';
import { statsUpdateJson } from './stats-update';

describe('statsUpdateJson', () => {
  const head = { partition: 2, previousSeq: 10, lastSeq: 12, total: 40 };

  test('is the update that JSON.stringify would write, items taken as they were stored', () => {
    const items = [tradeWith({ userId: 'a' }), tradeWith({ userId: 'b' })];
    const json = statsUpdateJson(head, items.map((item) => JSON.stringify(item)));
    expect(JSON.parse(json)).toEqual<StatsUpdate>({ ...head, items });
    expect(json).toBe(JSON.stringify({ ...head, items }));
  });

  test('writes an empty list of items', () => {
    expect(JSON.parse(statsUpdateJson(head, []))).toEqual({ ...head, items: [] });
  });
});
