/** Where `rate` goes in `sorted` (ascending): the first index whose value is not below it. */
function lowerBound(sorted: readonly number[], rate: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle] < rate) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * The sorted copy of each list of rates a window gave out, so that the next batch's window on the
 * pair copies it rather than sorting the list again. A list read back from JSON has none.
 */
const sortedCopies = new WeakMap<readonly number[], readonly number[]>();

/**
 * A pair's last rates, oldest first, at most `capacity`, with their median. A sorted copy is made
 * when a batch first meets the pair, and kept sorted as rates come and go (a binary search and a
 * shift of at most `capacity` numbers each), rather than sorted again for every trade.
 */
export class RateWindow {
  private readonly recent: number[];
  private readonly sorted: number[];

  constructor(
    rates: readonly number[],
    private readonly capacity: number,
  ) {
    this.recent = rates.slice(Math.max(0, rates.length - capacity));
    const sorted = rates.length <= capacity ? sortedCopies.get(rates) : undefined;
    this.sorted = sorted ? sorted.slice() : [...this.recent].sort((a, b) => a - b);
  }

  get size(): number {
    return this.recent.length;
  }

  /** The middle rate, or the mean of the two middle ones; the window must not be empty. */
  median(): number {
    const middle = this.sorted.length >>> 1;
    return this.sorted.length % 2 === 1 ? this.sorted[middle] : (this.sorted[middle - 1] + this.sorted[middle]) / 2;
  }

  /** Adds the newest rate, and lets the oldest go when the window is full. */
  push(rate: number): void {
    this.recent.push(rate);
    this.sorted.splice(lowerBound(this.sorted, rate), 0, rate);
    if (this.recent.length > this.capacity) {
      const oldest = this.recent.shift() as number;
      this.sorted.splice(lowerBound(this.sorted, oldest), 1);
    }
  }

  /** The rates, oldest first, as the partition's value keeps them; the window is done with. */
  rates(): number[] {
    sortedCopies.set(this.recent, this.sorted);
    return this.recent;
  }
}
