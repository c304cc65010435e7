import { median, quantileOfSorted, quantiles, Samples } from './stats';

describe('bench stats', () => {
  test('nearest-rank percentiles', () => {
    const values = Array.from({ length: 100 }, (_, i) => 100 - i); // 100 … 1, unsorted
    expect(quantiles(values, [0.5, 0.99, 1])).toEqual([50, 99, 100]);
    expect(quantileOfSorted([], 0.5)).toBeNaN();
    expect(quantiles([7], [0, 0.5, 1])).toEqual([7, 7, 7]);
  });

  test('median of finite values', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([NaN, 5])).toBe(5);
    expect(median([])).toBeNaN();
  });

  test('Samples grow, sort numerically and stop at their cap', () => {
    const samples = new Samples(100_000);
    for (let i = 99_999; i >= 0; i--) samples.add(i);
    samples.add(-1);
    expect(samples.count).toBe(100_000);
    expect(samples.overflow).toBe(1);
    expect(samples.quantiles([0.5, 1])).toEqual([49_999, 99_999]);
  });
});
