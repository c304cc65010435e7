import { TokenBucket } from '../index';

// Times are the caller's milliseconds: each test sets them, no clock is read.
const RATE = { perSecond: 50, burst: 100 };

describe('TokenBucket', () => {
  it('starts full: the whole burst is admitted at once, and not one token more', () => {
    const bucket = new TokenBucket(RATE, 0);
    expect(bucket.secondsUntil(100, 0)).toBe(0);
    bucket.take(100, 0);
    expect(bucket.secondsUntil(1, 0)).toBe(0.02);
  });

  it('refills at the rate: one token every 1/perSecond seconds', () => {
    const bucket = new TokenBucket(RATE, 0);
    bucket.take(100, 0);
    expect(bucket.secondsUntil(1, 10)).toBe(0.01);
    expect(bucket.secondsUntil(1, 20)).toBe(0);
    bucket.take(1, 20);
    expect(bucket.secondsUntil(1, 20)).toBe(0.02);
    expect(bucket.secondsUntil(50, 1_020)).toBe(0);
  });

  it('says exactly how long until a cost is in', () => {
    const bucket = new TokenBucket(RATE, 1_000);
    bucket.take(100, 1_000);
    expect(bucket.secondsUntil(25, 1_000)).toBe(0.5);
    expect(bucket.secondsUntil(100, 1_000)).toBe(2);
    expect(bucket.secondsUntil(100, 2_500)).toBe(0.5);
  });

  it('holds no more than the burst however long it is idle', () => {
    const bucket = new TokenBucket(RATE, 0);
    bucket.take(60, 0);
    expect(bucket.secondsUntil(100, 1_000)).toBe(0.2);
    expect(bucket.secondsUntil(100, 1_200)).toBe(0);
    bucket.take(100, 60_000);
    expect(bucket.secondsUntil(1, 60_000)).toBe(0.02);
  });

  it('never admits a cost larger than the burst', () => {
    const bucket = new TokenBucket(RATE, 0);
    expect(bucket.secondsUntil(101, 0)).toBe(Infinity);
    expect(bucket.secondsUntil(101, 3_600_000)).toBe(Infinity);
  });

  it('ignores a time earlier than one it has seen', () => {
    const bucket = new TokenBucket(RATE, 1_000);
    bucket.take(100, 1_000);
    expect(bucket.secondsUntil(1, 500)).toBe(0.02);
    expect(bucket.secondsUntil(1, 1_010)).toBe(0.01);
  });
});
