import { TokenBucket, TokenBuckets } from '../index';

// A token every 100 ms, 20 at most: an empty bucket fills in 2 s, a generation.
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

  it('drops a bucket after a whole generation without a take, when it is full again', () => {
    const buckets = new TokenBuckets(RATE, 100);
    buckets.take('idle', 20, 0);
    buckets.take('busy', 1, 1_000);
    buckets.take('busy', 1, 2_000);
    expect(buckets.size).toBe(2);
    buckets.take('busy', 1, 3_999);
    expect(buckets.size).toBe(2);
    // idle's last take was before the generation that ends now: it has been full since 2 s.
    buckets.take('busy', 1, 4_000);
    expect(buckets.size).toBe(1);
    expect(buckets.secondsUntil('idle', 20, 4_000)).toBe(0);
  });

  it('answers as one bucket that is never dropped would, whatever the other keys do', () => {
    const buckets = new TokenBuckets(RATE, 100);
    const reference = new TokenBucket(RATE, 0);
    // Takes of 'k' between 0.1 and 5 s apart, with other keys in between: every answer the same.
    let seed = 7;
    const next = () => (seed = (seed * 16_807) % 2_147_483_647) / 2_147_483_647;
    for (let step = 0, now = 0; step < 500; step++, now += 100 + Math.floor(next() * 4_900)) {
      const cost = 1 + Math.floor(next() * 20);
      buckets.take(`other-${step % 7}`, 1, now);
      expect(buckets.secondsUntil('k', cost, now)).toBe(reference.secondsUntil(cost, now));
      if (reference.secondsUntil(cost, now) === 0) {
        buckets.take('k', cost, now);
        reference.take(cost, now);
      }
    }
  });

  it('holds the keys of two generations at most, for a stream of new keys', () => {
    const buckets = new TokenBuckets(RATE, 1_000_000);
    // A new key every millisecond for 10 s: those of the generations from 6 s and from 8 s remain.
    for (let now = 0; now < 10_000; now++) buckets.take(`user-${now}`, 20, now);
    expect(buckets.size).toBe(4_000);
    expect(buckets.secondsUntil('user-9999', 20, 9_999)).toBe(2);
  });

  it('stays within maxKeys however many keys are busy at once, keeping the most recently used', () => {
    const buckets = new TokenBuckets(RATE, 4);
    for (const key of ['a', 'b', 'c', 'd', 'e', 'f']) buckets.take(key, 20, 0);
    expect(buckets.size).toBe(4);
    // a and b went with the first generation; c, d, e and f are still spent.
    expect(buckets.secondsUntil('a', 20, 0)).toBe(0);
    expect(buckets.secondsUntil('c', 20, 0)).toBe(2);
    buckets.take('c', 0, 0);
    buckets.take('g', 1, 0);
    // c was used again, so it moved into the new generation; d went with the old one.
    expect(buckets.size).toBe(4);
    expect(buckets.secondsUntil('d', 20, 0)).toBe(0);
    expect(buckets.secondsUntil('c', 20, 0)).toBe(2);
  });
});
