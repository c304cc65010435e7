import type { MinuteRate, PairDirection, VolumeBucket } from './figures';

/** A bucket's volume-weighted rate: what its trades bought for what they sold. */
const rateOf = (bucket: VolumeBucket): MinuteRate => ({
  start: bucket.start,
  rate: Number(bucket.bought) / Number(bucket.sold),
});

/**
 * A pair's direction from its per-minute series (oldest first): the newest minute's rate against
 * the oldest one's, the series being the last hour up to the newest minute. Undefined for a series
 * of one minute, or of buckets without `bought` (written before they had it).
 */
export function pairDirection(minutes: readonly VolumeBucket[]): PairDirection | undefined {
  if (minutes.length < 2) return undefined;
  const earliest = rateOf(minutes[0]);
  const latest = rateOf(minutes[minutes.length - 1]);
  if (!(earliest.rate > 0 && latest.rate > 0)) return undefined;
  return { latest, earliest, changePercent: ((latest.rate - earliest.rate) / earliest.rate) * 100 };
}
