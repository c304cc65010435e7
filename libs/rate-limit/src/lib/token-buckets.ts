import { type Rate, TokenBucket } from './token-bucket';

/**
 * A token bucket per key (a user, a client address), all at one rate, in bounded memory. A key
 * gets its bucket when it first takes tokens; a bucket that has filled up again is dropped, as it
 * is the same as a new one. The buckets are kept in the order of their last take, so the idle ones
 * are found at the front without a scan, and past `maxKeys` the least recently used is dropped
 * even if not yet full: that key starts again with a full burst, a leak only while more than
 * `maxKeys` keys are busy at once.
 */
export class TokenBuckets {
  private readonly buckets = new Map<string, TokenBucket>();

  constructor(
    readonly rate: Rate,
    private readonly maxKeys: number,
  ) {}

  /** How many keys have a bucket. */
  get size(): number {
    return this.buckets.size;
  }

  /** See TokenBucket.secondsUntil; a key without a bucket has a full one. */
  secondsUntil(key: string, cost: number, now: number): number {
    const bucket = this.buckets.get(key);
    if (bucket) return bucket.secondsUntil(cost, now);
    return cost > this.rate.burst ? Infinity : 0;
  }

  /** Takes `cost` tokens of the key's bucket, which secondsUntil has just said are in. */
  take(key: string, cost: number, now: number): void {
    const bucket = this.buckets.get(key) ?? new TokenBucket(this.rate, now);
    this.buckets.delete(key);
    bucket.take(cost, now);
    this.buckets.set(key, bucket);
    this.dropIdle(now);
  }

  private dropIdle(now: number): void {
    for (const [key, bucket] of this.buckets) {
      if (this.buckets.size <= this.maxKeys && !bucket.isFull(now)) return;
      this.buckets.delete(key);
    }
  }
}
