import { PartitionHealth } from './partition-health';

const FORGET_AFTER_MS = 10_000;
let now = 0;
const tracker = () => new PartitionHealth(FORGET_AFTER_MS, () => now);
const ok = { state: 'ok' } as const;
const stuck = (reason: string) => ({ state: 'stuck', reason, since: '2026-01-02T10:00:00.000Z' }) as const;
const OK = { status: 'ok', partitions: {} };

beforeEach(() => (now = 1_000_000));

describe('PartitionHealth', () => {
  test('is ok until a partition is reported stuck, degraded while it is, and says which and why', () => {
    const health = tracker();
    expect(health.health).toEqual(OK);
    expect(health.report({ instance: 'a', partitions: { 0: ok, 1: ok } })).toBe(false);
    expect(health.report({ instance: 'a', partitions: { 0: ok, 1: stuck('boom') } })).toBe(true);
    expect(health.health).toEqual({
      status: 'degraded',
      partitions: { 1: { reason: 'boom', since: '2026-01-02T10:00:00.000Z' } },
    });
    expect(JSON.parse(health.healthJson)).toEqual(health.health);
    // The same again is no change.
    expect(health.report({ instance: 'a', partitions: { 0: ok, 1: stuck('boom') } })).toBe(false);
    expect(health.report({ instance: 'a', partitions: { 0: ok, 1: ok } })).toBe(true);
    expect(health.health).toEqual(OK);
  });

  test("takes each partition's latest report, whichever instance made it: a partition handed over", () => {
    const health = tracker();
    health.report({ instance: 'a', partitions: { 0: ok, 1: stuck('boom') } });
    health.report({ instance: 'b', partitions: { 1: ok, 2: stuck('other') } });
    expect(Object.keys(health.health.partitions)).toEqual(['2']);
    // a no longer folds 1: its report drops what it said of its own partitions only.
    health.report({ instance: 'a', partitions: { 0: stuck('late') } });
    expect(Object.keys(health.health.partitions)).toEqual(['0', '2']);
    health.report({ instance: 'a', partitions: {} });
    expect(Object.keys(health.health.partitions)).toEqual(['2']);
  });

  test('forgets an instance not heard from for too long, with its partitions', () => {
    const health = tracker();
    health.report({ instance: 'a', partitions: { 1: stuck('boom') } });
    health.report({ instance: 'b', partitions: { 2: ok } });
    now += FORGET_AFTER_MS;
    health.report({ instance: 'b', partitions: { 2: ok } });
    expect(health.expire()).toBe(false);
    now += 1;
    expect(health.expire()).toBe(true);
    expect(health.health).toEqual(OK);
    now += FORGET_AFTER_MS;
    expect(health.expire()).toBe(false);
  });
});
