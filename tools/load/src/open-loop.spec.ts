import { requestsDue, type Schedule, tradesOfRequest } from './open-loop';

const schedule = (fields: Partial<Schedule>): Schedule => ({ rate: 2000, perRequest: 1, maxInFlight: 256, ...fields });

describe('the open-loop schedule', () => {
  it('sends the first request at once, then one every perRequest / rate seconds', () => {
    const single = schedule({});
    expect([0, 0.49, 0.5, 1000].map((ms) => requestsDue(single, ms))).toEqual([1, 1, 2, 2001]);
    const batches = schedule({ perRequest: 100 });
    expect([0, 49.9, 50, 1000].map((ms) => requestsDue(batches, ms))).toEqual([1, 1, 2, 21]);
  });

  it('stops at the count, the last request holding what is left of it', () => {
    const counted = schedule({ perRequest: 100, count: 250 });
    expect(requestsDue(counted, 60_000)).toBe(3);
    expect([0, 1, 2].map((index) => tradesOfRequest(counted, index))).toEqual([100, 100, 50]);
  });
});
