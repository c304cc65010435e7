// Trades that look like a money-transfer business's: the busy pairs traded most, each at the
// market's drifting rate; trades placed mostly from a country of the currency sold; a few heavy
// users making a fifth of the trades, with larger amounts, and a long tail of light ones; amounts
// spread log-normally (often round figures), in the smallest units of their currencies.
import type { TradeFields } from '@tradeflow/contract';
import { formatTimePlaced, minorUnitsOf } from '@tradeflow/trade';
import { gaussian, Market } from './market';

/** Picks from entries in proportion to their weights. */
class Weighted<T> {
  private readonly entries: readonly (readonly [T, number])[];
  private readonly total: number;

  constructor(entries: readonly (readonly [T, number])[]) {
    this.entries = entries;
    this.total = entries.reduce((sum, [, weight]) => sum + weight, 0);
  }

  pick(random: () => number): T {
    let left = random() * this.total;
    for (const [value, weight] of this.entries) {
      left -= weight;
      if (left < 0) return value;
    }
    return this.entries[this.entries.length - 1][0];
  }
}

// Both directions of the busiest corridors, weighted roughly as their share of retail FX.
const PAIRS = new Weighted<readonly [string, string]>([
  [['EUR', 'USD'], 14],
  [['USD', 'EUR'], 10],
  [['GBP', 'USD'], 7],
  [['USD', 'GBP'], 5],
  [['USD', 'JPY'], 7],
  [['JPY', 'USD'], 3],
  [['EUR', 'GBP'], 5],
  [['GBP', 'EUR'], 5],
  [['USD', 'CHF'], 2],
  [['EUR', 'CHF'], 2],
  [['AUD', 'USD'], 3],
  [['USD', 'CAD'], 3],
  [['NZD', 'USD'], 1],
  [['EUR', 'JPY'], 2],
  [['GBP', 'INR'], 3],
  [['USD', 'INR'], 4],
  [['USD', 'MXN'], 3],
  [['USD', 'CNY'], 2],
  [['USD', 'HKD'], 1],
  [['USD', 'SGD'], 1],
  [['USD', 'KRW'], 1],
  [['EUR', 'SEK'], 1],
  [['EUR', 'NOK'], 1],
  [['EUR', 'PLN'], 2],
  [['USD', 'BRL'], 1],
  [['GBP', 'ZAR'], 1],
  [['USD', 'AED'], 1],
  [['USD', 'SAR'], 1],
  [['GBP', 'AUD'], 1],
  [['USD', 'BHD'], 0.5],
  [['USD', 'KWD'], 0.5],
]);

/** Where those selling each currency trade from. */
const HOME_COUNTRIES: Record<string, Weighted<string>> = {
  EUR: new Weighted([
    ['DE', 25],
    ['FR', 20],
    ['IT', 15],
    ['ES', 12],
    ['NL', 8],
    ['BE', 5],
    ['IE', 5],
    ['AT', 4],
    ['PT', 3],
    ['FI', 2],
  ]),
  USD: new Weighted([['US', 1]]),
  GBP: new Weighted([['GB', 1]]),
  JPY: new Weighted([['JP', 1]]),
  AUD: new Weighted([['AU', 1]]),
  NZD: new Weighted([['NZ', 1]]),
};

/** Anyone may trade from anywhere: expatriates, travellers, businesses abroad. */
const WORLD = new Weighted([
  ['US', 20],
  ['GB', 14],
  ['DE', 8],
  ['FR', 6],
  ['IN', 6],
  ['CN', 5],
  ['JP', 5],
  ['CA', 4],
  ['AU', 3],
  ['ES', 3],
  ['IT', 3],
  ['MX', 3],
  ['AE', 2],
  ['CH', 2],
  ['NL', 2],
  ['SG', 2],
  ['BR', 2],
  ['PH', 2],
  ['NG', 1],
  ['ZA', 1],
  ['PL', 1],
  ['SE', 1],
  ['IE', 1],
  ['HK', 1],
  ['KR', 1],
  ['TR', 1],
  ['EG', 1],
]);
const FROM_HOME = 0.75;

/** The heavy users' share of all trades, between them. */
const HEAVY_SHARE = 0.2;
export const HEAVY_USERS = 20;
const LIGHT_USERS = 200_000;

/** Amounts in US dollars: log-normal, by its median and the spread of its logarithm. */
const LIGHT_AMOUNT = { median: 300, sigma: 1.3 };
const HEAVY_AMOUNT = { median: 25_000, sigma: 1 };
/** Big enough that rounding the bought amount to its smallest unit stays far within validation's 1%. */
const MIN_USD = 5;
const MAX_USD = 5_000_000;
/** Share of amounts that are round figures (two significant digits: 250, 4,500, 10,000). */
const ROUND_SHARE = 0.3;
/** A trade is placed up to this long before it is sent. */
const PLACED_WITHIN_MS = 2000;

/** Six-digit ids: heavy users 100000-194981, light ones 200000-399999. */
const heavyUser = (index: number) => String(100_000 + index * 4_999);
const lightUser = (index: number) => String(200_000 + index);

/** `value` rounded to `places` decimals, as JSON writes it back. */
const toPlaces = (value: number, places: number) => Number(value.toFixed(places));

/** How far off the market an off-market trade's rate is: 5 to 15 %, above or below alike. */
const OFF_MARKET = { least: 0.05, most: 0.15 };

/** What sets a trade apart from the mix's own. */
export interface Twist {
  /** Who makes it, instead of a user of the mix. */
  userId?: string;
  /** A rate off the market's (OFF_MARKET), amountBuy following it. */
  offMarket?: boolean;
}

/** Makes realistic, valid trades; `random` uniform in [0, 1), `now` the wall clock in ms. */
export class TradeMix {
  constructor(
    private readonly random: () => number = Math.random,
    private readonly market = new Market(random),
    private readonly now: () => number = Date.now,
  ) {}

  trade({ userId, offMarket = false }: Twist = {}): TradeFields {
    const [currencyFrom, currencyTo] = PAIRS.pick(this.random);
    const heavy = userId === undefined && this.random() < HEAVY_SHARE;
    const marketRate = this.market.rate(currencyFrom, currencyTo);
    const rate = Number((offMarket ? marketRate * this.offMarketFactor() : marketRate).toPrecision(5));
    const amountSell = this.amountIn(currencyFrom, heavy ? HEAVY_AMOUNT : LIGHT_AMOUNT);
    return {
      userId: userId ?? this.user(heavy),
      currencyFrom,
      currencyTo,
      amountSell,
      amountBuy: toPlaces(amountSell * rate, minorUnitsOf(currencyTo) ?? 2),
      rate,
      timePlaced: formatTimePlaced(new Date(this.now() - this.random() * PLACED_WITHIN_MS)),
      originatingCountry: this.country(currencyFrom),
    };
  }

  private user(heavy: boolean): string {
    return heavy
      ? heavyUser(Math.floor(this.random() * HEAVY_USERS))
      : lightUser(Math.floor(this.random() * LIGHT_USERS));
  }

  private offMarketFactor(): number {
    const off = OFF_MARKET.least + (OFF_MARKET.most - OFF_MARKET.least) * this.random();
    return this.random() < 0.5 ? 1 - off : 1 + off;
  }

  private amountIn(currency: string, { median, sigma }: { median: number; sigma: number }): number {
    const usd = Math.min(MAX_USD, Math.max(MIN_USD, median * Math.exp(sigma * gaussian(this.random))));
    let amount = usd / this.market.usdValue(currency);
    if (this.random() < ROUND_SHARE) amount = Number(amount.toPrecision(2));
    return toPlaces(amount, minorUnitsOf(currency) ?? 2);
  }

  private country(currencySold: string): string {
    const home = HOME_COUNTRIES[currencySold];
    return home && this.random() < FROM_HOME ? home.pick(this.random) : WORLD.pick(this.random);
  }
}
