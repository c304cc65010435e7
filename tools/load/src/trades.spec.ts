import type { TradeFields } from '@tradeflow/contract';
import { minorUnitsOf, parseTimePlaced, validateTrade } from '@tradeflow/trade';
import { EvenShare } from './even-share';
import { FAST_USER, FAST_USER_BURST, FastUserBursts } from './fast-user';
import { INVALID_KINDS } from './invalid-trades';
import { CURRENCIES, Market } from './market';
import { HEAVY_USERS, TradeMix } from './trade-mix';
import { TradeSource } from './trade-source';

const usd = (code: string) => CURRENCIES.find((currency) => currency.code === code)!.usd;
const decimalsOf = (n: number) => String(n).split('.')[1]?.length ?? 0;

function tally<T>(values: T[]): Map<T, number> {
  const counts = new Map<T, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return counts;
}
const mostCommon = <T>(values: T[]): T => [...tally(values)].sort((a, b) => b[1] - a[1])[0][0];

describe('the market', () => {
  it('starts at the reference rates, each pair the inverse of its reverse', () => {
    const market = new Market(Math.random, () => 0);
    expect(market.rate('EUR', 'USD')).toBeCloseTo(1.16, 10);
    expect(market.rate('USD', 'JPY')).toBeCloseTo(1 / 0.0067, 8);
    expect(market.rate('EUR', 'GBP') * market.rate('GBP', 'EUR')).toBeCloseTo(1, 12);
  });

  it('drifts as time passes, yet stays near the real rate over a day', () => {
    let seconds = 0;
    const market = new Market(Math.random, () => seconds);
    const rates: number[] = [];
    for (; seconds < 86_400; seconds += 10) rates.push(market.rate('EUR', 'USD'));
    const [low, high] = [Math.min(...rates), Math.max(...rates)];
    expect(high / low).toBeGreaterThan(1.001);
    expect(low).toBeGreaterThan(1.16 * 0.92);
    expect(high).toBeLessThan(1.16 * 1.08);
  });
});

describe('realistic trades', () => {
  const now = Date.UTC(2026, 2, 14, 9, 30, 0);
  const mix = new TradeMix(Math.random, new Market(Math.random, () => 0), () => now);
  const trades: TradeFields[] = Array.from({ length: 20_000 }, () => mix.trade());

  it('are all valid', () => {
    for (const trade of trades) expect(validateTrade(trade)).toMatchObject({ ok: true });
  });

  it("give each amount in its currency's smallest unit, and amountBuy as amountSell × rate", () => {
    for (const { amountSell, amountBuy, currencyFrom, currencyTo, rate } of trades) {
      expect(decimalsOf(amountSell)).toBeLessThanOrEqual(minorUnitsOf(currencyFrom)!);
      expect(decimalsOf(amountBuy)).toBeLessThanOrEqual(minorUnitsOf(currencyTo)!);
      // Rounded to the unit of its currency: half a unit off at most, give or take binary fractions.
      const halfUnit = 0.5 * 10 ** -minorUnitsOf(currencyTo)!;
      expect(Math.abs(amountBuy - amountSell * rate)).toBeLessThanOrEqual(halfUnit + amountBuy * 1e-12);
    }
    const currencies = new Set(trades.flatMap((trade) => [trade.currencyFrom, trade.currencyTo]));
    // Currencies without cents (JPY, KRW) and with three decimals (BHD, KWD) among them.
    expect([...currencies]).toEqual(expect.arrayContaining(['JPY', 'KRW', 'BHD', 'KWD']));
  });

  it('quote each pair at the market rate, to five significant digits', () => {
    for (const { currencyFrom, currencyTo, rate } of trades) {
      expect(rate).toBe(Number((usd(currencyFrom) / usd(currencyTo)).toPrecision(5)));
    }
  });

  it('trade the busy pairs most, from the countries of the currency sold most often', () => {
    const pairs = trades.map((trade) => `${trade.currencyFrom}-${trade.currencyTo}`);
    expect(mostCommon(pairs)).toBe('EUR-USD');
    expect(new Set(pairs).size).toBeGreaterThanOrEqual(25);
    const countriesSelling = (code: string) =>
      trades.filter((trade) => trade.currencyFrom === code).map((trade) => trade.originatingCountry);
    expect(mostCommon(countriesSelling('JPY'))).toBe('JP');
    expect(mostCommon(countriesSelling('EUR'))).toBe('DE');
    expect(new Set(trades.map((trade) => trade.originatingCountry)).size).toBeGreaterThanOrEqual(20);
  });

  it('come from a few heavy users and many light ones', () => {
    const byUser = [...tally(trades.map((trade) => trade.userId)).values()].sort((a, b) => b - a);
    const heavyShare = byUser.slice(0, HEAVY_USERS).reduce((sum, n) => sum + n, 0) / trades.length;
    expect(heavyShare).toBeGreaterThan(0.15);
    expect(heavyShare).toBeLessThan(0.25);
    expect(byUser.length).toBeGreaterThan(10_000);
  });

  it('were placed within the two seconds before they are sent', () => {
    for (const { timePlaced } of trades) {
      const placed = parseTimePlaced(timePlaced)!.getTime();
      expect(placed).toBeGreaterThanOrEqual(now - 3000);
      expect(placed).toBeLessThanOrEqual(now);
    }
  });
});

describe('invalid trades', () => {
  const mix = new TradeMix();

  it.each(INVALID_KINDS.map((kind) => [kind.name, kind]))('%s: refused, whatever the trade', (_name, kind) => {
    for (let i = 0; i < 500; i++) expect(validateTrade(kind.spoil(mix.trade())).ok).toBe(false);
  });

  it.each([
    [0, 1000, 0],
    [0.01, 1000, 10],
    [0.01, 99, 0],
    [0.29, 100, 29],
    [0.5, 7, 3],
    [1, 10, 10],
  ])('a share of %d makes floor(n × share) of the first %d invalid: %d', (share, n, invalid) => {
    const decide = new EvenShare(share);
    expect(Array.from({ length: n }, () => decide.next()).filter(Boolean)).toHaveLength(invalid);
  });

  it('are mixed in among valid ones in the asked-for share, each of them refused', () => {
    const source = new TradeSource({ invalid: 0.1, offMarket: 0 });
    const generated = Array.from({ length: 1000 }, () => source.next());
    expect(generated.filter((trade) => trade.invalid)).toHaveLength(100);
    for (const { submission, invalid } of generated) expect(validateTrade(submission).ok).toBe(invalid === undefined);
    expect(new Set(generated.map((trade) => trade.invalid?.name).filter(Boolean)).size).toBeGreaterThan(4);
  });
});

describe('trades off the market', () => {
  const atReferenceRates = () => new TradeMix(Math.random, new Market(Math.random, () => 0));
  /** A trade's rate over its pair's market rate, both at the reference values (no drift). */
  const offBy = ({ currencyFrom, currencyTo, rate }: TradeFields) => rate / (usd(currencyFrom) / usd(currencyTo));

  it('are 5 to 15% above or below the market rate, both ways, and valid', () => {
    const mix = atReferenceRates();
    const trades = Array.from({ length: 2000 }, () => mix.trade({ offMarket: true }));
    const ratios = trades.map(offBy);
    // Five significant digits move a rate by 0.005% at most.
    for (const ratio of ratios) expect(Math.abs(ratio - 1)).toBeGreaterThanOrEqual(0.05 - 5e-5);
    for (const ratio of ratios) expect(Math.abs(ratio - 1)).toBeLessThanOrEqual(0.15 + 5e-5);
    expect(ratios.some((ratio) => ratio < 1)).toBe(true);
    expect(ratios.some((ratio) => ratio > 1)).toBe(true);
    for (const trade of trades) expect(validateTrade(trade)).toMatchObject({ ok: true });
  });

  it('are the asked-for share of the valid trades, marked, the others at the market rate', () => {
    const source = new TradeSource({ invalid: 0.1, offMarket: 0.02 }, Math.random, atReferenceRates());
    const generated = Array.from({ length: 1000 }, () => source.next());
    const offMarket = generated.filter((trade) => trade.anomaly === 'off-market');
    expect(offMarket).toHaveLength(Math.floor(900 * 0.02));
    for (const { submission, invalid, anomaly } of generated) {
      if (invalid) continue;
      const ratio = offBy(submission as TradeFields);
      expect(Math.abs(ratio - 1) > 0.01).toBe(anomaly === 'off-market');
    }
  });
});

describe('the fast user', () => {
  it("trades in bursts in the place of the mix's trades, valid and at the market rate", () => {
    let ms = 0;
    const source = new TradeSource(
      { invalid: 0.1, offMarket: 0.1, fastUser: new FastUserBursts(() => ms) },
      Math.random,
      new TradeMix(Math.random, new Market(Math.random, () => 0)),
    );
    // 40 trades a second for 5 s: the burst's 30 trades within its first 3 s.
    const generated = Array.from({ length: 200 }, (_, i) => {
      ms = i * 25;
      return source.next();
    });
    const fast = generated.filter((trade) => trade.anomaly === 'fast-user');
    expect(fast).toHaveLength(FAST_USER_BURST.trades);
    for (const { submission } of fast) {
      expect(submission).toMatchObject({ userId: FAST_USER });
      expect(validateTrade(submission).ok).toBe(true);
      const { currencyFrom, currencyTo, rate } = submission as TradeFields;
      expect(rate).toBe(Number((usd(currencyFrom) / usd(currencyTo)).toPrecision(5)));
    }
    expect(generated.slice(120).some((trade) => trade.anomaly === 'fast-user')).toBe(false);
    expect(generated.filter((trade) => trade.submission['userId'] === FAST_USER)).toHaveLength(fast.length);
  });
});
