// The currencies the generated trades deal in, each with a plausible value in US dollars (a
// mid-2020s mid rate) that drifts while the load runs: a mean-reverting random walk of its
// logarithm (Ornstein-Uhlenbeck), so rates move visibly on the dashboard within a minute yet stay
// within a few percent of the real ones. Every pair's rate is the ratio of two values, so the
// rates of all pairs agree with each other at any instant.

export interface Currency {
  code: string;
  /** US dollars per unit, around which the value drifts. */
  usd: number;
  /** How much it moves relative to the majors: pegged currencies barely do. */
  volatility: number;
}

const MAJOR = 1;
const EMERGING = 1.5;
const PEGGED = 0.05;

export const CURRENCIES: readonly Currency[] = [
  { code: 'USD', usd: 1, volatility: 0 },
  { code: 'EUR', usd: 1.16, volatility: MAJOR },
  { code: 'GBP', usd: 1.34, volatility: MAJOR },
  { code: 'JPY', usd: 0.0067, volatility: MAJOR },
  { code: 'CHF', usd: 1.25, volatility: MAJOR },
  { code: 'AUD', usd: 0.65, volatility: MAJOR },
  { code: 'CAD', usd: 0.72, volatility: MAJOR },
  { code: 'NZD', usd: 0.58, volatility: MAJOR },
  { code: 'SEK', usd: 0.105, volatility: MAJOR },
  { code: 'NOK', usd: 0.099, volatility: MAJOR },
  { code: 'PLN', usd: 0.27, volatility: MAJOR },
  { code: 'SGD', usd: 0.77, volatility: MAJOR },
  { code: 'CNY', usd: 0.14, volatility: PEGGED * 4 },
  { code: 'HKD', usd: 0.128, volatility: PEGGED },
  { code: 'INR', usd: 0.0114, volatility: EMERGING },
  { code: 'KRW', usd: 0.00071, volatility: EMERGING },
  { code: 'MXN', usd: 0.054, volatility: EMERGING },
  { code: 'BRL', usd: 0.185, volatility: EMERGING },
  { code: 'ZAR', usd: 0.057, volatility: EMERGING },
  { code: 'AED', usd: 0.2723, volatility: PEGGED },
  { code: 'SAR', usd: 0.2667, volatility: PEGGED },
  { code: 'BHD', usd: 2.6596, volatility: PEGGED },
  { code: 'KWD', usd: 3.27, volatility: PEGGED },
];

/** Spread of a major's log-value after one second (about 0.25% a minute). */
const SIGMA_PER_ROOT_SECOND = 3e-4;
/** Pull back towards the reference: half the deviation is gone after ten minutes. */
const REVERSION_PER_SECOND = Math.LN2 / 600;

/** A standard normal variate from two uniform ones (Box-Muller). */
export const gaussian = (random: () => number): number =>
  Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());

interface Walk {
  currency: Currency;
  /** log(value / reference) */
  deviation: number;
  /** When the deviation was last moved, in seconds of `clock`. */
  at: number;
}

/**
 * The drifting values. Each currency's walk is moved lazily, when a trade asks for it, by the
 * exact transition of the walk over the time since its last move, so the cost is per trade and
 * not per currency per instant.
 */
export class Market {
  private readonly walks = new Map<string, Walk>();

  /** `clock`: seconds, increasing; `random`: uniform in [0, 1). */
  constructor(
    private readonly random: () => number = Math.random,
    private readonly clock: () => number = () => performance.now() / 1000,
  ) {
    const now = this.clock();
    for (const currency of CURRENCIES) this.walks.set(currency.code, { currency, deviation: 0, at: now });
  }

  /** US dollars per unit of `code` now. */
  usdValue(code: string): number {
    const walk = this.walks.get(code);
    if (!walk) throw new Error(`no such currency in the market: ${code}`);
    const now = this.clock();
    const elapsed = now - walk.at;
    if (elapsed > 0 && walk.currency.volatility > 0) {
      const decay = Math.exp(-REVERSION_PER_SECOND * elapsed);
      const spread = SIGMA_PER_ROOT_SECOND * Math.sqrt((1 - decay * decay) / (2 * REVERSION_PER_SECOND));
      walk.deviation = walk.deviation * decay + walk.currency.volatility * spread * gaussian(this.random);
    }
    walk.at = now;
    return walk.currency.usd * Math.exp(walk.deviation);
  }

  /** Units of `to` that one unit of `from` buys now. */
  rate(from: string, to: string): number {
    return this.usdValue(from) / this.usdValue(to);
  }
}
