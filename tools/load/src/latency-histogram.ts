// Latencies in logarithmic buckets, each 1% wider than the one before: quantiles within 1% in a
// fixed few kilobytes, however long the load runs (an hour at 10,000 requests a second is 36
// million samples).
const SMALLEST_MS = 0.01;
const GROWTH = 1.01;
const LOG_GROWTH = Math.log(GROWTH);
/** From 0.01 ms to beyond ten minutes. */
const BUCKETS = Math.ceil(Math.log(600_000 / SMALLEST_MS) / LOG_GROWTH) + 1;

export interface Quantiles {
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

export class LatencyHistogram {
  private readonly counts = new Float64Array(BUCKETS);
  private total = 0;
  private largest = 0;

  add(ms: number): void {
    const index = ms <= SMALLEST_MS ? 0 : Math.min(BUCKETS - 1, Math.ceil(Math.log(ms / SMALLEST_MS) / LOG_GROWTH));
    this.counts[index]++;
    this.total++;
    if (ms > this.largest) this.largest = ms;
  }

  get count(): number {
    return this.total;
  }

  /**
   * The latency below which a share `q` of the samples fall (nearest rank), as its bucket's upper
   * bound, at most the largest sample; NaN when there are none.
   */
  quantile(q: number): number {
    if (this.total === 0) return NaN;
    const rank = Math.max(1, Math.ceil(q * this.total));
    let seen = 0;
    for (let index = 0; index < BUCKETS; index++) {
      seen += this.counts[index];
      // The last bucket has no upper bound: beyond it is the largest sample.
      if (seen >= rank)
        return index === BUCKETS - 1 ? this.largest : Math.min(this.largest, SMALLEST_MS * GROWTH ** index);
    }
    return this.largest;
  }

  quantiles(): Quantiles {
    return { p50: this.quantile(0.5), p90: this.quantile(0.9), p99: this.quantile(0.99), max: this.largest };
  }
}
