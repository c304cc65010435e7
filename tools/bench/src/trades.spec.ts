import { validateTrade } from '@tradeflow/trade';
import { canonical, TradeGenerator } from './trades';

describe('bench trades', () => {
  test('are valid and varied', () => {
    const trades = new TradeGenerator(3).trades(2000);
    for (const trade of trades) expect(validateTrade(trade)).toMatchObject({ ok: true });
    expect(new Set(trades.map((t) => t.userId)).size).toBeGreaterThan(1000);
    expect(new Set(trades.map((t) => `${t.currencyFrom}-${t.currencyTo}`)).size).toBeGreaterThan(10);
    expect(new Set(trades.map((t) => t.originatingCountry)).size).toBeGreaterThan(10);
  });

  test('canonical form as ingest stores it', () => {
    const fields = { ...new TradeGenerator(4).trade(), timePlaced: '24-JAN-18 10:27:44' };
    const trade = canonical(fields, new Date('2026-01-02T03:04:05.006Z'));
    expect(Object.keys(trade)).toEqual(['id', ...Object.keys(fields), 'timePlacedIso', 'receivedAt']);
    expect(trade.timePlacedIso).toBe('2018-01-24T10:27:44.000Z');
    expect(trade.receivedAt).toBe('2026-01-02T03:04:05.006Z');
  });
});
