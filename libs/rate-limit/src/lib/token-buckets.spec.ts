import { TokenBuckets } from '../index';

const RATE = { perSecond: 10, burst: 20 };

describe('TokenBuckets', () => {
  it('keeps a bucket per key: one key spent leaves the others full', () => {
    const buckets = new TokenBuckets(RATE, 100);
    buckets.take('a', 20, 0);
    expect(buckets.secondsUntil('a', 1, 0)).toBe(0.1);
    expect(buckets.secondsUntil('b', 20, 0)).toBe(0);
    expect(buckets.secondsUntil('b', 21, 0)).toBe(Infinity);
  });

  it('makes no bucket for a key that is only asked', () => {
    const buckets = new TokenBuckets(RATE, 100);
    expect(buckets.secondsUntil('asked', 5, 0)).toBe(0);
    expect(buckets.size).toBe(0);
  });

  it("drops a bucket once it has filled up again, the key's next take starting from a full one", () => {
    const buckets = new TokenBuckets(RATE, 100);
    buckets.take('idle', 20, 0);
    buckets.take('busy', 1, 1_000);
    expect(buckets.size).toBe(2);
    // 'idle' is full again 2 s after it was emptied; the next take sweeps it.
    buckets.take('busy', 1, 1_999);
    expect(buckets.size).toBe(2);
    buckets.take('busy', 1, 2_000);
    expect(buckets.size).toBe(1);
    expect(buckets.secondsUntil('idle', 20, 2_000)).toBe(0);
  });

  it('stays bounded by many keys at once, dropping the least recently used first', () => {
    const buckets = new TokenBuckets(RATE, 3);
    for (const [index, key] of ['a', 'b', 'c', 'd', 'e'].entries()) buckets.take(key, 20, index);
    expect(buckets.size).toBe(3);
    // a and b went first; c, d and e are still empty.
    expect(buckets.secondsUntil('a', 20, 5)).toBe(0);
    expect(buckets.secondsUntil('c', 20, 5)).toBeGreaterThan(1.9);
    buckets.take('c', 0, 5);
    buckets.take('f', 1, 5);
    // c was used again, so d is the least recently used and goes.
    expect(buckets.secondsUntil('d', 20, 5)).toBe(0);
    expect(buckets.secondsUntil('c', 20, 5)).toBeGreaterThan(1.9);
  });

  it('holds no more buckets than keys taken within the refill time, for a stream of new keys', () => {
    const buckets = new TokenBuckets(RATE, 1_000_000);
    // A new key every millisecond, each emptied: a bucket is full again 2 s later, so the last 2,000 remain.
    for (let now = 0; now < 10_000; now++) buckets.take(`user-${now}`, 20, now);
    expect(buckets.size).toBe(2_000);
  });
});
