import { FAST_USER_BURST, FastUserBursts } from './fast-user';

/** The times (ms) at which the fast user traded, asked every `stepMs` for `forMs`. */
function tradedAt(stepMs: number, forMs: number): number[] {
  let now = 0;
  const bursts = new FastUserBursts(() => now);
  const times: number[] = [];
  for (; now < forMs; now += stepMs) if (bursts.take()) times.push(now);
  return times;
}

const within = (times: number[], from: number, to: number) => times.filter((t) => t >= from && t < to);

describe('the fast user', () => {
  it(`sends ${FAST_USER_BURST.trades} trades within 3 s, a burst every 20 s from the start`, () => {
    const times = tradedAt(10, 65_000);
    for (const start of [0, 20_000, 40_000, 60_000]) {
      const burst = within(times, start, start + 20_000);
      expect(burst).toHaveLength(FAST_USER_BURST.trades);
      expect(burst[0]).toBe(start);
      expect(burst[burst.length - 1]).toBeLessThan(start + FAST_USER_BURST.withinMs);
    }
    expect(times).toHaveLength(4 * FAST_USER_BURST.trades);
  });

  it('when asked less often than its burst needs, takes every turn until its burst is sent, then waits', () => {
    // One trade a second: the burst takes 30 s, and the next one starts once it is over.
    const times = tradedAt(1_000, 70_000);
    expect(within(times, 0, 30_000)).toHaveLength(30);
    expect(within(times, 30_000, 60_000)).toHaveLength(30);
    expect(times[30]).toBe(30_000);
  });
});
