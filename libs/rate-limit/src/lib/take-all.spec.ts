import { takeAll, TokenBuckets } from '../index';

const users = () => new TokenBuckets({ perSecond: 10, burst: 10 }, 100);
const clients = () => new TokenBuckets({ perSecond: 100, burst: 100 }, 100);

describe('takeAll', () => {
  it('takes every demand when each is met', () => {
    const [byUser, byClient] = [users(), clients()];
    const demands = [
      { buckets: byClient, key: '10.0.0.1', cost: 12 },
      { buckets: byUser, key: 'alice', cost: 10 },
      { buckets: byUser, key: 'bob', cost: 2 },
    ];
    expect(takeAll(demands, 0)).toBeUndefined();
    expect(byClient.secondsUntil('10.0.0.1', 89, 0)).toBe(0.01);
    expect(byUser.secondsUntil('alice', 1, 0)).toBe(0.1);
    expect(byUser.secondsUntil('bob', 9, 0)).toBe(0.1);
  });

  it('takes nothing when one demand is short, and names the one that waits longest', () => {
    const [byUser, byClient] = [users(), clients()];
    byUser.take('alice', 10, 0);
    byUser.take('bob', 5, 0);
    const demands = [
      { buckets: byClient, key: '10.0.0.1', cost: 8 },
      { buckets: byUser, key: 'bob', cost: 7 },
      { buckets: byUser, key: 'alice', cost: 1 },
    ];
    expect(takeAll(demands, 0)).toEqual({ demand: demands[1], seconds: 0.2 });
    expect(byClient.size).toBe(0);
    expect(byUser.secondsUntil('alice', 1, 0)).toBe(0.1);
    expect(takeAll(demands, 200)).toBeUndefined();
  });

  it('says a demand larger than its burst never fits', () => {
    const demand = { buckets: users(), key: 'alice', cost: 11 };
    expect(takeAll([demand], 0)).toEqual({ demand, seconds: Infinity });
  });
});
