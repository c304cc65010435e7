import { RateWindow } from './rate-window';

/** The median as a textbook computes it: sort, take the middle or the mean of the two middle values. */
function sortedMedian(rates: number[]): number {
  const sorted = [...rates].sort((a, b) => a - b);
  const middle = sorted.length >>> 1;
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

describe('RateWindow', () => {
  test('keeps the last rates, oldest first, up to its capacity', () => {
    const window = new RateWindow([1, 2, 3], 4);
    window.push(4);
    expect(window.rates()).toEqual([1, 2, 3, 4]);
    window.push(5);
    expect(window.rates()).toEqual([2, 3, 4, 5]);
    expect(window.size).toBe(4);
  });

  test('takes the last rates of a longer list (the window was made smaller), and leaves the list as it was', () => {
    const rates = Object.freeze([1, 2, 3, 4, 5]) as number[];
    const window = new RateWindow(rates, 3);
    expect(window.rates()).toEqual([3, 4, 5]);
    window.push(6);
    expect(rates).toEqual([1, 2, 3, 4, 5]);
  });

  test('its median is the middle rate, or the mean of the two middle ones', () => {
    expect(new RateWindow([3, 1, 2], 50).median()).toBe(2);
    expect(new RateWindow([4, 1, 3, 2], 50).median()).toBe(2.5);
    expect(new RateWindow([0.7471], 50).median()).toBe(0.7471);
  });

  test("kept sorted as rates come and go, its median is always the sorted window's, repeats included", () => {
    let seed = 7;
    const next = () => ((seed = (seed * 16807) % 2147483647) % 40) / 10;
    const window = new RateWindow([], 50);
    const all: number[] = [];
    for (let i = 0; i < 2000; i++) {
      const rate = next();
      window.push(rate);
      all.push(rate);
      expect([i, window.median()]).toEqual([i, sortedMedian(all.slice(-50))]);
    }
  });
});
