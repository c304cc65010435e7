/** A sustained rate and the burst allowed above it. */
export interface Rate {
  /** Tokens added each second. */
  perSecond: number;
  /** Most tokens held: what may be taken at once after a quiet spell. */
  burst: number;
}

/**
 * A token bucket: it holds up to `burst` tokens, starts full and gains `perSecond` tokens a
 * second; what it admits takes its cost in tokens. Times are milliseconds of a monotonic clock
 * (`performance.now()`), given by the caller, so that the bucket is pure and tests set the time.
 */
export class TokenBucket {
  private tokens: number;
  private updatedAt: number;

  constructor(
    readonly rate: Rate,
    now: number,
  ) {
    this.tokens = rate.burst;
    this.updatedAt = now;
  }

  /** Seconds until `cost` tokens are in: 0 when they are now, Infinity when `cost` is more than the burst. */
  secondsUntil(cost: number, now: number): number {
    if (cost > this.rate.burst) return Infinity;
    const missing = cost - this.refill(now);
    return missing > 0 ? missing / this.rate.perSecond : 0;
  }

  /** Takes `cost` tokens, which secondsUntil has just said are in. */
  take(cost: number, now: number): void {
    this.tokens = this.refill(now) - cost;
  }

  private refill(now: number): number {
    const elapsedSeconds = Math.max(0, now - this.updatedAt) / 1000;
    this.tokens = Math.min(this.rate.burst, this.tokens + elapsedSeconds * this.rate.perSecond);
    this.updatedAt = Math.max(now, this.updatedAt);
    return this.tokens;
  }
}
