// Medians and percentiles over plain arrays: a benchmark's samples fit in memory, and a sorted
// array gives exact percentiles (nearest-rank), with nothing to install.

/** The value at quantile `q` (0..1) of an ascending array, nearest-rank; NaN when empty. */
export function quantileOfSorted(sorted: ArrayLike<number>, q: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil(q * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

/** Sorts a copy (as float64, so numeric order) and reads several quantiles at once. */
export function quantiles(values: ArrayLike<number>, qs: number[]): number[] {
  const sorted = Float64Array.from(values as ArrayLike<number>).sort();
  return qs.map((q) => quantileOfSorted(sorted, q));
}

export const percentile = (values: ArrayLike<number>, p: number): number => quantiles(values, [p / 100])[0];

/** The median of the finite values; NaN when there are none. */
export function median(values: number[]): number {
  const finite = values.filter((value) => Number.isFinite(value));
  if (finite.length === 0) return NaN;
  const sorted = [...finite].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** A growable list of samples, capped so that a long run cannot exhaust memory. */
export class Samples {
  private values: Float64Array;
  private size = 0;
  /** Samples offered after the cap was reached (not kept). */
  overflow = 0;

  constructor(private readonly cap = 5_000_000) {
    this.values = new Float64Array(Math.min(cap, 65_536));
  }

  add(value: number): void {
    if (this.size === this.values.length) {
      if (this.size >= this.cap) {
        this.overflow++;
        return;
      }
      const grown = new Float64Array(Math.min(this.cap, this.size * 2));
      grown.set(this.values);
      this.values = grown;
    }
    this.values[this.size++] = value;
  }

  get count(): number {
    return this.size;
  }

  /** The kept samples, sorted ascending. */
  sorted(): Float64Array {
    return this.values.slice(0, this.size).sort();
  }

  quantiles(qs: number[]): number[] {
    const sorted = this.sorted();
    return qs.map((q) => quantileOfSorted(sorted, q));
  }
}
