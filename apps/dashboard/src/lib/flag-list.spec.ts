import { FlagList } from './flag-list';
import { offMarketFlag, trade, velocityFlag } from './spec-helpers';

const ids = (list: FlagList, limit = 10) => list.newest(limit).map((flag) => flag.id);

describe('FlagList', () => {
  test('takes flags given newest first, each once, and lists the newest first', () => {
    const list = new FlagList(10);
    const [a, b, c] = [trade(), trade(), trade()];
    expect(list.add([velocityFlag(b), offMarketFlag(a)])).toBe(true);
    expect(list.add([offMarketFlag(c), velocityFlag(b)])).toBe(true);
    expect(list.add([offMarketFlag(c)])).toBe(false);
    expect(ids(list)).toEqual([`off-market:${c.id}`, `velocity:${b.id}`, `off-market:${a.id}`]);
    expect(ids(list, 2)).toHaveLength(2);
  });

  test('tells what a trade was flagged for, every kind of it', () => {
    const list = new FlagList(10);
    const [a, b] = [trade(), trade()];
    list.add([velocityFlag(a), offMarketFlag(a)]);
    expect(list.kindsOf(a.id)).toEqual(['off-market', 'velocity']);
    expect(list.kindsOf(b.id)).toBeUndefined();
  });

  test('a snapshot replaces the flags, and what they mark', () => {
    const list = new FlagList(10);
    const [a, b] = [trade(), trade()];
    list.add([offMarketFlag(a)]);
    list.replace([velocityFlag(b)]);
    expect(ids(list)).toEqual([`velocity:${b.id}`]);
    expect(list.kindsOf(a.id)).toBeUndefined();
    expect(list.kindsOf(b.id)).toEqual(['velocity']);
  });

  test('is bounded: a flag pushed out no longer marks its trade, and is new if it comes again', () => {
    const list = new FlagList(2);
    const [a, b, c] = [trade(), trade(), trade()];
    list.add([offMarketFlag(a)]);
    list.add([velocityFlag(a)]);
    list.add([offMarketFlag(b)]);
    expect(list.kindsOf(a.id)).toEqual(['velocity']);
    list.add([offMarketFlag(c)]);
    expect(list.kindsOf(a.id)).toBeUndefined();
    expect(list.add([offMarketFlag(a)])).toBe(true);
  });

  test('skips what is no flag', () => {
    const list = new FlagList(3);
    const odd = [null, { id: 5 }, { id: 'x', trade: null }] as never[];
    expect(list.add(odd)).toBe(false);
    expect(ids(list)).toEqual([]);
  });
});
