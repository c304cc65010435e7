import { pairDirection } from './direction';
import type { VolumeBucket } from './figures';

const minute = (start: string, sold: string, bought?: string): VolumeBucket => ({ start, count: 1, sold, bought });

describe('pairDirection', () => {
  test("is the newest minute's volume-weighted rate against the oldest one's, and the change in percent", () => {
    const direction = pairDirection([
      minute('2026-11-25T10:00:00.000Z', '1000', '750'),
      minute('2026-11-25T10:30:00.000Z', '10', '100'),
      minute('2026-11-25T10:59:00.000Z', '2000', '1530'),
    ]);
    expect(direction).toEqual({
      earliest: { start: '2026-11-25T10:00:00.000Z', rate: 0.75 },
      latest: { start: '2026-11-25T10:59:00.000Z', rate: 0.765 },
      changePercent: expect.closeTo(2, 10),
    });
  });

  test('goes down as well as up', () => {
    const direction = pairDirection([
      minute('2026-11-25T10:00:00.000Z', '100', '150'),
      minute('2026-11-25T10:01:00.000Z', '100', '120'),
    ]);
    expect(direction?.changePercent).toBeCloseTo(-20, 10);
  });

  test('is none for fewer than two minutes, or for buckets written before they had bought', () => {
    expect(pairDirection([])).toBeUndefined();
    expect(pairDirection([minute('2026-11-25T10:00:00.000Z', '1', '1')])).toBeUndefined();
    expect(
      pairDirection([minute('2026-11-25T10:00:00.000Z', '1'), minute('2026-11-25T10:01:00.000Z', '1', '1')]),
    ).toBeUndefined();
  });
});
