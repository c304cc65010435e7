// One user trading far faster than anyone else, for a demonstration of the fold's velocity flags:
// a burst of trades within a few seconds, again and again.

/** Outside the ids of the mix's heavy (100000-194981) and light (200000-399999) users. */
export const FAST_USER = '500000';

export const FAST_USER_BURST = {
  trades: 30,
  /** A burst's trades are due evenly over this long... */
  withinMs: 3_000,
  /** ...and a burst starts this long after the previous one did. */
  everyMs: 20_000,
} as const;

/**
 * When the fast user's trades are due, by `clock` (ms): the first burst at once. Its trades take
 * the place of trades of the mix, so the run keeps its rate; below 10 trades a second a burst
 * takes longer than its 3 s, and the next one starts when it is over.
 */
export class FastUserBursts {
  private burstStart: number;
  private takenInBurst = 0;

  constructor(private readonly clock: () => number = () => performance.now()) {
    this.burstStart = clock();
  }

  /** Whether the fast user's next trade is due now: if so, it counts as made. */
  take(): boolean {
    const now = this.clock();
    const { trades, withinMs, everyMs } = FAST_USER_BURST;
    if (this.takenInBurst === trades) {
      if (now < this.burstStart + everyMs) return false;
      this.burstStart = now;
      this.takenInBurst = 0;
    }
    if (now < this.burstStart + (this.takenInBurst * withinMs) / trades) return false;
    this.takenInBurst++;
    return true;
  }
}
