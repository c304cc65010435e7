import { floorMinute, lastMinutes } from './timeseries';

const at = (iso: string) => Date.parse(iso);

describe('lastMinutes', () => {
  test('sixty minutes up to now, zeros where there was no trade', () => {
    const series = lastMinutes(
      [
        { start: '2026-01-01T09:00:00.000Z', count: 9, sold: '9' }, // over an hour ago
        { start: '2026-01-01T09:15:00.000Z', count: 2, sold: '1494.2' },
        { start: '2026-01-01T10:00:00.000Z', count: 3, sold: '0.1' },
        { start: '2026-01-01T10:14:00.000Z', count: 1, sold: '0.2' },
      ],
      at('2026-01-01T10:14:30.000Z'),
    );
    expect(series.times).toHaveLength(60);
    expect(series.times[0]).toBe(at('2026-01-01T09:15:00.000Z') / 1000);
    expect(series.times[59]).toBe(at('2026-01-01T10:14:00.000Z') / 1000);
    expect(series.counts[0]).toBe(2);
    expect(series.sold[0]).toBe(1494.2);
    expect(series.counts[45]).toBe(3);
    expect(series.counts[59]).toBe(1);
    expect(series.counts.filter((count) => count > 0)).toHaveLength(3);
    expect(series.totalCount).toBe(6);
    expect(series.totalSold).toBe('1494.5');
  });

  test('the window follows the clock: old buckets fall off, an idle pair shows zeros', () => {
    const buckets = [{ start: '2026-01-01T10:00:00.000Z', count: 5, sold: '5' }];
    expect(lastMinutes(buckets, at('2026-01-01T10:30:00.000Z')).totalCount).toBe(5);
    const later = lastMinutes(buckets, at('2026-01-01T11:00:00.000Z'));
    expect(later.totalCount).toBe(0);
    expect(later.counts.every((count) => count === 0)).toBe(true);
    expect(lastMinutes([], at('2026-01-01T10:00:00.000Z')).counts).toEqual(new Array(60).fill(0));
  });

  test('a server clock a little ahead: the window ends at its newest bucket', () => {
    const series = lastMinutes(
      [{ start: '2026-01-01T10:02:00.000Z', count: 1, sold: '1' }],
      at('2026-01-01T10:00:10.000Z'),
    );
    expect(series.times[59]).toBe(at('2026-01-01T10:02:00.000Z') / 1000);
    expect(series.counts[59]).toBe(1);
  });

  test('floorMinute', () => {
    expect(floorMinute(at('2026-01-01T10:27:44.123Z'))).toBe(at('2026-01-01T10:27:00.000Z'));
  });
});
