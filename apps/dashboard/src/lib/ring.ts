/**
 * A fixed-capacity ring buffer: pushing past the capacity overwrites the oldest item, so its
 * memory never grows however long the page stays open.
 */
export class Ring<T> {
  private readonly items: (T | undefined)[];
  private next = 0;
  private count = 0;

  constructor(readonly capacity: number) {
    if (!(Number.isInteger(capacity) && capacity > 0)) throw new RangeError(`capacity must be a positive integer`);
    this.items = new Array<T | undefined>(capacity);
  }

  get size(): number {
    return this.count;
  }

  /** Adds an item as the newest; returns the one it pushed out, if any. */
  push(item: T): T | undefined {
    const evicted = this.count === this.capacity ? this.items[this.next] : undefined;
    this.items[this.next] = item;
    this.next = (this.next + 1) % this.capacity;
    if (this.count < this.capacity) this.count++;
    return evicted;
  }

  /** The i-th newest item: 0 is the newest. */
  newest(i = 0): T | undefined {
    if (i < 0 || i >= this.count) return undefined;
    return this.items[(this.next - 1 - i + this.capacity) % this.capacity];
  }

  /** The i-th oldest item: 0 is the oldest. */
  oldest(i = 0): T | undefined {
    return this.newest(this.count - 1 - i);
  }

  clear(): void {
    this.items.fill(undefined);
    this.next = 0;
    this.count = 0;
  }

  /** Oldest first. */
  toArray(): T[] {
    const out: T[] = [];
    for (let i = this.count - 1; i >= 0; i--) out.push(this.newest(i) as T);
    return out;
  }
}
