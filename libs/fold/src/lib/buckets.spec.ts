import type { VolumeBucket } from '@tradeflow/contract';
import { type BucketWindow, bucketsOf, HOURS, MINUTES, mergeBuckets } from './buckets';

const bucket = (start: string, count = 1, sold = '10', bought = '8'): VolumeBucket => ({ start, count, sold, bought });
const starts = (buckets: VolumeBucket[]) => buckets.map((b) => b.start);

/** The start of the bucket of a sale received at an instant, as the fold names it. */
const bucketStart = (instant: string, window: BucketWindow) =>
  bucketsOf([{ receivedMs: Date.parse(instant), sold: 10, bought: 8 }], window)[0].start;

describe('bucketsOf', () => {
  test('counts and sums the amounts sold and bought of each bucket, exactly', () => {
    const at = Date.parse('2026-11-25T10:27:44.000Z');
    const sales = [
      { receivedMs: at, sold: 0.1, bought: 0.07 },
      { receivedMs: at + 1000, sold: 0.2, bought: 0.15 },
      { receivedMs: at + 60_000, sold: 1, bought: 0.8 },
    ];
    expect(bucketsOf(sales, MINUTES)).toEqual([
      bucket('2026-11-25T10:27:00.000Z', 2, '0.3', '0.22'),
      bucket('2026-11-25T10:28:00.000Z', 1, '1', '0.8'),
    ]);
  });
});

describe('bucketsOf: bucket starts', () => {
  test('floors an instant to its minute and its hour, as ISO-8601 UTC', () => {
    expect(bucketStart('2026-11-25T10:27:44.123Z', MINUTES)).toBe('2026-11-25T10:27:00.000Z');
    expect(bucketStart('2026-11-25T10:27:44.123Z', HOURS)).toBe('2026-11-25T10:00:00.000Z');
    expect(bucketStart('2026-11-25T10:27:00.000Z', MINUTES)).toBe('2026-11-25T10:27:00.000Z');
    expect(bucketStart('2026-11-25T23:59:59.999Z', HOURS)).toBe('2026-11-25T23:00:00.000Z');
  });

  test('reads an instant with an offset as the UTC instant it is', () => {
    expect(bucketStart('2026-11-25T11:27:44+01:00', MINUTES)).toBe('2026-11-25T10:27:00.000Z');
  });
});

describe('mergeBuckets', () => {
  test('adds buckets of the same start, exactly, and lists them oldest first', () => {
    const merged = mergeBuckets(
      [bucket('2026-11-25T10:00:00.000Z', 2, '5', '4'), bucket('2026-11-25T10:02:00.000Z', 1, '0.1', '0.07')],
      [bucket('2026-11-25T10:01:00.000Z'), bucket('2026-11-25T10:02:00.000Z', 3, '0.2', '0.15')],
      MINUTES,
    );
    expect(merged).toEqual([
      bucket('2026-11-25T10:00:00.000Z', 2, '5', '4'),
      bucket('2026-11-25T10:01:00.000Z', 1, '10', '8'),
      bucket('2026-11-25T10:02:00.000Z', 4, '0.3', '0.22'),
    ]);
  });

  test('merges a bucket written before buckets had bought as if it had bought none', () => {
    const { bought: _bought, ...older } = bucket('2026-11-25T10:00:00.000Z', 1, '5');
    expect(mergeBuckets([older], [bucket('2026-11-25T10:00:00.000Z', 1, '5', '4')], MINUTES)).toEqual([
      bucket('2026-11-25T10:00:00.000Z', 2, '10', '4'),
    ]);
  });

  test('keeps the last 60 minutes counted back from the newest bucket', () => {
    const newest = bucket('2026-11-25T11:00:00.000Z');
    const oldestInside = bucket('2026-11-25T10:01:00.000Z');
    const justOutside = bucket('2026-11-25T10:00:00.000Z');
    const merged = mergeBuckets([justOutside, oldestInside], [newest], MINUTES);
    expect(starts(merged)).toEqual([oldestInside.start, newest.start]);
  });

  test('keeps the last 48 hours counted back from the newest bucket', () => {
    const newest = bucket('2026-11-27T10:00:00.000Z');
    const oldestInside = bucket('2026-11-25T11:00:00.000Z');
    const justOutside = bucket('2026-11-25T10:00:00.000Z');
    expect(starts(mergeBuckets([newest], [oldestInside, justOutside], HOURS))).toEqual([
      oldestInside.start,
      newest.start,
    ]);
  });

  test('a full window holds 60 minute buckets', () => {
    const minutes = Array.from({ length: 90 }, (_, i) => bucket(new Date(Date.UTC(2026, 10, 25, 10, i)).toISOString()));
    const merged = mergeBuckets(minutes.slice(0, 45), minutes.slice(45), MINUTES);
    expect(merged).toHaveLength(60);
    expect(merged[0].start).toBe('2026-11-25T10:30:00.000Z');
    expect(merged[59].start).toBe('2026-11-25T11:29:00.000Z');
  });

  test('drops a late bucket at the window boundary, and keeps one just inside it', () => {
    const window = [bucket('2026-11-25T12:00:00.000Z')];
    expect(mergeBuckets(window, [bucket('2026-11-25T11:00:00.000Z')], MINUTES)).toEqual(window);
    expect(starts(mergeBuckets(window, [bucket('2026-11-25T11:01:00.000Z')], MINUTES))).toEqual([
      '2026-11-25T11:01:00.000Z',
      '2026-11-25T12:00:00.000Z',
    ]);
  });

  test('of no buckets is no bucket', () => {
    expect(mergeBuckets([], [], HOURS)).toEqual([]);
  });
});
