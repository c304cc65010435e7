import { type Decimal, sumValidDecimals, type VolumeBucket } from '@tradeflow/contract';

export const MINUTE_MS = 60_000;

/** One point a minute, oldest first: the columns of the per-minute chart. */
export interface MinuteSeries {
  /** Start of each minute, in seconds since the epoch (uPlot's x values). */
  times: number[];
  counts: number[];
  /** Amount sold per minute, as a number: for drawing only, the exact figure stays a string. */
  sold: number[];
  /** Σ counts. */
  totalCount: number;
  /** Σ sold, exact. */
  totalSold: Decimal;
}

export const floorMinute = (ms: number): number => Math.floor(ms / MINUTE_MS) * MINUTE_MS;

/**
 * The last `minutes` minutes up to now, one point a minute, zero where the pair had no trade.
 * Buckets follow the server's clock (the trades' receivedAt); should the server run ahead of this
 * clock, the window ends at the newest bucket instead, so that no trade falls off the right.
 */
export function lastMinutes(buckets: readonly VolumeBucket[], nowMs: number, minutes = 60): MinuteSeries {
  let end = floorMinute(nowMs);
  for (const bucket of buckets) {
    const start = Date.parse(bucket.start);
    if (start > end && start - end <= 5 * MINUTE_MS) end = floorMinute(start);
  }
  const first = end - (minutes - 1) * MINUTE_MS;
  const times = new Array<number>(minutes);
  const counts = new Array<number>(minutes).fill(0);
  const sold = new Array<number>(minutes).fill(0);
  for (let i = 0; i < minutes; i++) times[i] = (first + i * MINUTE_MS) / 1000;
  let totalCount = 0;
  const inWindow: Decimal[] = [];
  for (const bucket of buckets) {
    const start = Date.parse(bucket.start);
    if (!Number.isFinite(start)) continue;
    const index = Math.floor((start - first) / MINUTE_MS);
    if (index < 0 || index >= minutes) continue;
    counts[index] += bucket.count;
    sold[index] += Number(bucket.sold) || 0;
    totalCount += bucket.count;
    inWindow.push(bucket.sold);
  }
  return { times, counts, sold, totalCount, totalSold: sumValidDecimals(inWindow) };
}
