import { addDecimal, sumDecimals, type VolumeBucket } from '@tradeflow/contract';
import { groupBy } from './group-by';

/** A bucket width and how many buckets, counted back from the newest, are kept. */
export interface BucketWindow {
  widthMs: number;
  buckets: number;
}

export const MINUTES: BucketWindow = { widthMs: 60_000, buckets: 60 };
export const HOURS: BucketWindow = { widthMs: 3_600_000, buckets: 48 };

/** A trade's amounts, and when (epoch ms, read once for every window) it was received. */
export interface Sale {
  receivedMs: number;
  sold: number;
  bought: number;
}

/** Which bucket an instant (epoch ms) falls in, counted from the epoch: cheap to group by and compare. */
const bucketNumber = (instantMs: number, window: BucketWindow): number => Math.floor(instantMs / window.widthMs);

/** A bucket's start, ISO-8601 UTC. */
const startOf = (number: number, window: BucketWindow): string => new Date(number * window.widthMs).toISOString();

/**
 * The buckets of some sales (at least one), oldest first: only the window's buckets counted back
 * from the newest are kept. Each bucket is named and summed once, however many sales it holds.
 */
export function bucketsOf(sales: readonly Sale[], window: BucketWindow): VolumeBucket[] {
  const byNumber = [...groupBy(sales, (sale) => bucketNumber(sale.receivedMs, window))].sort(([a], [b]) => a - b);
  const outside = byNumber[byNumber.length - 1][0] - window.buckets;
  return byNumber
    .filter(([number]) => number > outside)
    .map(([number, inBucket]) => ({
      start: startOf(number, window),
      count: inBucket.length,
      sold: sumDecimals(inBucket.map((sale) => sale.sold)),
      bought: sumDecimals(inBucket.map((sale) => sale.bought)),
    }));
}

/**
 * Both bucket lists (each oldest first) together, oldest first: buckets of the same start add, and
 * only the window's buckets counted back from the newest start are kept. Starts are compared as
 * the strings bucketsOf writes, which sort as the instants do.
 */
export function mergeBuckets(a: VolumeBucket[], b: VolumeBucket[], window: BucketWindow): VolumeBucket[] {
  const merged: VolumeBucket[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const x = a[i];
    const y = b[j];
    if (!y || (x && x.start < y.start)) {
      merged.push(x);
      i++;
    } else if (!x || y.start < x.start) {
      merged.push(y);
      j++;
    } else {
      merged.push({
        start: x.start,
        count: x.count + y.count,
        sold: addDecimal(x.sold, y.sold),
        // A bucket written before buckets had `bought` adds none, rather than failing the merge.
        bought: addDecimal(x.bought ?? '0', y.bought ?? '0'),
      });
      i++;
      j++;
    }
  }
  if (merged.length === 0) return merged;
  const newest = Date.parse(merged[merged.length - 1].start);
  const outside = new Date(newest - window.buckets * window.widthMs).toISOString();
  return merged.filter((bucket) => bucket.start > outside);
}
