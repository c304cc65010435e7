import { RecentFlags } from './recent-flags';

const flag = (id: string) => JSON.stringify({ id });
const ids = (recent: RecentFlags) => (JSON.parse(recent.json()) as { id: string }[]).map((held) => held.id);

describe('RecentFlags', () => {
  test('holds the newest flags up to its size, newest first', () => {
    const recent = new RecentFlags(3);
    expect(recent.json()).toBe('[]');
    for (const id of ['a', 'b', 'c', 'd']) expect(recent.add(id, flag(id))).toBe(true);
    expect(ids(recent)).toEqual(['d', 'c', 'b']);
  });

  test('takes a flag once: the same id again is no new flag and changes nothing', () => {
    const recent = new RecentFlags(3);
    recent.add('a', flag('a'));
    const version = recent.version;
    expect(recent.add('a', flag('a'))).toBe(false);
    expect(recent.version).toBe(version);
    expect(ids(recent)).toEqual(['a']);
  });

  test('a flag that went past the size is a new one if it comes again', () => {
    const recent = new RecentFlags(2);
    for (const id of ['a', 'b', 'c']) recent.add(id, flag(id));
    expect(recent.add('a', flag('a'))).toBe(true);
    expect(ids(recent)).toEqual(['a', 'c']);
  });

  test('serialises once per change', () => {
    const recent = new RecentFlags(2);
    recent.add('a', flag('a'));
    expect(recent.json()).toBe(recent.json());
    const before = recent.json();
    recent.add('b', flag('b'));
    expect(recent.json()).not.toBe(before);
  });
});
