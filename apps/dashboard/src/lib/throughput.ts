import { Ring } from './ring';

export interface ThroughputOptions {
  /** The rate is the trades counted over this sliding window, per second: the smoothing. */
  windowMs: number;
  /** How many samples the sparkline keeps (one a second: the last minute). */
  history: number;
}

const DEFAULTS: ThroughputOptions = { windowMs: 5_000, history: 60 };

interface Sample {
  at: number;
  counted: number;
}

/**
 * Trades per second from the server's running total, by the client's clock. Each total that
 * arrives adds its increase to a running count; a rebase (a new connection's snapshot) takes the
 * new total as the baseline without counting the jump, since those trades did not arrive in the
 * time measured. sample(), once a second, gives the count's increase over the last `windowMs`
 * per second, and keeps it for the sparkline. Memory is fixed: two ring buffers.
 */
export class ThroughputMeter {
  private readonly options: ThroughputOptions;
  private baseline: number | undefined;
  private counted = 0;
  private readonly samples: Ring<Sample>;
  readonly history: Ring<{ at: number; rate: number }>;
  private current = 0;

  constructor(options: Partial<ThroughputOptions> = {}) {
    this.options = { ...DEFAULTS, ...options };
    // One sample a second at the least; a few extra, should the timer fire early.
    this.samples = new Ring<Sample>(Math.ceil(this.options.windowMs / 1000) * 2 + 2);
    this.history = new Ring(this.options.history);
  }

  /** Trades per second, as of the last sample. */
  get rate(): number {
    return this.current;
  }

  /** A total from the server: its increase since the last one counts. */
  observe(total: number): void {
    if (this.baseline === undefined) {
      this.baseline = total;
      return;
    }
    if (total > this.baseline) {
      this.counted += total - this.baseline;
      this.baseline = total;
    }
  }

  /** A new baseline whose difference from the last is not counted (trades missed while away). */
  rebase(total: number): void {
    this.baseline = total;
  }

  /** Records the count at `now` (ms, any monotonic clock) and returns the smoothed rate. */
  sample(now: number): number {
    this.samples.push({ at: now, counted: this.counted });
    // The oldest sample within the window (half a second's slack for a late timer); when the
    // timer was held back (a hidden tab) and none is, the previous one, however old.
    let reference = (this.samples.newest(1) ?? this.samples.newest()) as Sample;
    for (let i = 0; i < this.samples.size - 1; i++) {
      const sample = this.samples.oldest(i) as Sample;
      if (now - sample.at <= this.options.windowMs + 500) {
        reference = sample;
        break;
      }
    }
    const elapsed = now - reference.at;
    this.current = elapsed > 0 ? ((this.counted - reference.counted) * 1000) / elapsed : 0;
    this.history.push({ at: now, rate: this.current });
    return this.current;
  }
}
