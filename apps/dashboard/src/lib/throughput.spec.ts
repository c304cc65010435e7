import { ThroughputMeter } from './throughput';

describe('ThroughputMeter', () => {
  test('trades per second from the growth of the total, over a sliding window', () => {
    const meter = new ThroughputMeter({ windowMs: 5000 });
    meter.observe(1000); // the baseline: not counted
    expect(meter.sample(0)).toBe(0);
    let total = 1000;
    for (let second = 1; second <= 10; second++) {
      for (let tick = 0; tick < 10; tick++) meter.observe((total += 50)); // 500 a second
      meter.sample(second * 1000);
    }
    expect(meter.rate).toBeCloseTo(500, 6);
  });

  test('trades between the starting sample and the first tick count', () => {
    const meter = new ThroughputMeter({ windowMs: 5000 });
    meter.sample(0);
    meter.observe(0); // the first snapshot
    meter.observe(23);
    expect(meter.sample(1000)).toBeCloseTo(23, 6);
  });

  test('smoothed: a burst is spread over the window', () => {
    const meter = new ThroughputMeter({ windowMs: 5000 });
    meter.observe(0);
    for (let second = 0; second <= 5; second++) meter.sample(second * 1000);
    meter.observe(1000); // 1,000 trades in one second
    expect(meter.sample(6000)).toBeCloseTo(200, 6);
  });

  test('falls to zero when the total stops moving', () => {
    const meter = new ThroughputMeter({ windowMs: 3000 });
    meter.observe(0);
    meter.sample(0);
    meter.observe(300);
    expect(meter.sample(1000)).toBeCloseTo(300, 6);
    for (let second = 2; second <= 6; second++) meter.sample(second * 1000);
    expect(meter.rate).toBe(0);
  });

  test('a rebase (a reconnect) does not count the jump, nor does a total that goes back', () => {
    const meter = new ThroughputMeter({ windowMs: 5000 });
    meter.observe(100);
    meter.sample(0);
    meter.rebase(50_000); // trades while disconnected
    meter.observe(50_010);
    meter.observe(40_000); // never counted backwards
    meter.observe(50_020);
    expect(meter.sample(1000)).toBeCloseTo(20, 6);
  });

  test('a late timer (a hidden tab) still gives a rate from the previous sample', () => {
    const meter = new ThroughputMeter({ windowMs: 5000 });
    meter.observe(0);
    meter.sample(0);
    meter.observe(60_000);
    expect(meter.sample(60_000)).toBeCloseTo(1000, 6);
  });

  test('keeps the last minute for the sparkline, and no more', () => {
    const meter = new ThroughputMeter({ history: 60 });
    meter.observe(0);
    for (let second = 0; second < 500; second++) {
      meter.observe(second * 10);
      meter.sample(second * 1000);
    }
    expect(meter.history.size).toBe(60);
    expect(meter.history.newest()?.at).toBe(499_000);
    expect(meter.history.oldest()?.at).toBe(440_000);
  });
});
