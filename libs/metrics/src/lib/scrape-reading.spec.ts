import { scrapeReading } from './scrape-reading';

// The clock is the test's; each reading resolves when the test says.
let now = 0;
let readings: Array<{ resolve(value: number): void; reject(error: Error): void }>;
const reader = () =>
  scrapeReading(
    1000,
    () => new Promise<number>((resolve, reject) => readings.push({ resolve, reject })),
    () => now,
  );
const settled = () => new Promise((resolve) => setImmediate(resolve));

beforeEach(() => {
  now = 0;
  readings = [];
});

describe('scrapeReading', () => {
  test('scrapes during a reading and within the age after it share it; a later one reads again', async () => {
    const read = reader();
    const first = read();
    now = 5000; // a slow source: still one reading
    expect(read()).toBe(first);
    readings[0].resolve(7);
    await settled();
    now = 6000;
    await expect(read()).resolves.toBe(7);
    now = 6001;
    const second = read();
    expect(second).not.toBe(first);
    readings[1].resolve(8);
    await expect(second).resolves.toBe(8);
    expect(readings).toHaveLength(2);
  });

  test('a failed reading is shared for as long, then read again', async () => {
    const read = reader();
    const failed = read();
    readings[0].reject(new Error('no responders'));
    await expect(failed).rejects.toThrow('no responders');
    now = 1000;
    expect(read()).toBe(failed);
    now = 1001;
    const next = read();
    readings[1].resolve(3);
    await expect(next).resolves.toBe(3);
  });
});
