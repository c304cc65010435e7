import { LatencyHistogram } from './latency-histogram';

describe('latency histogram', () => {
  it('reads quantiles within 1% of the exact ones, and the exact maximum', () => {
    const histogram = new LatencyHistogram();
    for (let ms = 1; ms <= 1000; ms++) histogram.add(ms);
    const { p50, p90, p99, max } = histogram.quantiles();
    expect(p50 / 500).toBeGreaterThanOrEqual(1);
    expect(p50 / 500).toBeLessThan(1.01);
    expect(p90 / 900).toBeLessThan(1.01);
    expect(p99 / 990).toBeLessThan(1.01);
    expect(p99).toBeGreaterThanOrEqual(990);
    expect(max).toBe(1000);
    expect(histogram.count).toBe(1000);
  });

  it('keeps the tiny and the huge: below 0.01 ms, beyond ten minutes', () => {
    const histogram = new LatencyHistogram();
    histogram.add(0.001);
    histogram.add(0);
    histogram.add(3_600_000);
    expect(histogram.quantile(0.5)).toBeLessThanOrEqual(0.01);
    expect(histogram.quantile(1)).toBe(3_600_000);
  });

  it('has no quantiles before its first sample', () => {
    expect(new LatencyHistogram().quantile(0.5)).toBeNaN();
  });
});
