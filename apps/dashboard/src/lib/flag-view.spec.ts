import { flagView } from './flag-view';
import { Formats } from './format';
import { offMarketFlag, trade, velocityFlag } from './spec-helpers';

const formats = new Formats('en-US');
const NOW = Date.UTC(2026, 0, 1, 12, 0, 0);
const received = '2026-01-01T10:27:44.000Z';

describe('flagView', () => {
  test('an off-market rate: the pair, its rate against the reference and by how much, up or down', () => {
    const above = trade({ currencyFrom: 'EUR', currencyTo: 'GBP', rate: 0.7965, receivedAt: received, userId: 'u-1' });
    expect(flagView(offMarketFlag(above, 0.75, 6.2), NOW, formats)).toEqual({
      kind: 'off-market',
      label: 'Off-market',
      subject: 'EUR → GBP',
      figures: '0.7965 vs 0.7500 · +6.20%',
      time: '10:27:44',
      title:
        "EUR → GBP at 0.7965, +6.20% from 0.7500, the median of the pair's previous 50 rates in its partition; " +
        `user u-1, received ${received}`,
    });
    const below = trade({ rate: 0.7035, receivedAt: received });
    expect(flagView(offMarketFlag(below, 0.75, 6.2), NOW, formats).figures).toBe('0.7035 vs 0.7500 · -6.20%');
  });

  test("a user's velocity: the user, their trades and the amounts with a limit in the window", () => {
    const fast = trade({ userId: '500000', receivedAt: received });
    expect(flagView(velocityFlag(fast, 21), NOW, formats)).toMatchObject({
      kind: 'velocity',
      label: 'Velocity',
      subject: 'user 500000',
      figures: '21 trades in 60 s',
      time: '10:27:44',
      title: 'user 500000 went over 21 trades > 20 between 2026-01-01T10:27:44.000Z and 2026-01-01T10:28:44.000Z',
    });
    const heavy = velocityFlag(fast, 3, { EUR: '120000', USD: '5.5' });
    expect(flagView(heavy, NOW, formats).figures).toBe('3 trades · 120,000.00 EUR · 5.50 USD in 60 s');
  });

  test('a flag of another day shows its date', () => {
    const old = trade({ receivedAt: '2025-12-31T23:59:59.000Z' });
    expect(flagView(offMarketFlag(old), NOW, formats).time).toBe('2025-12-31');
  });
});
