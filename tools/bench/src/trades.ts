// Varied, valid trades: many users, the main currency pairs at plausible rates, many countries;
// amountBuy = amountSell × rate rounded to cents (well within the 1% the validation allows).
import type { Trade as CanonicalTrade, TradeFields } from '@tradeflow/contract';
import { formatTimePlaced, randomTradeId, toTrade } from '@tradeflow/trade';

const PAIRS: [string, string, number][] = [
  ['EUR', 'GBP', 0.8571],
  ['GBP', 'EUR', 1.1667],
  ['EUR', 'USD', 1.0874],
  ['USD', 'EUR', 0.9196],
  ['GBP', 'USD', 1.2689],
  ['USD', 'JPY', 151.32],
  ['EUR', 'CHF', 0.9612],
  ['AUD', 'USD', 0.6583],
  ['USD', 'CAD', 1.3587],
  ['EUR', 'SEK', 11.482],
  ['USD', 'SGD', 1.3441],
  ['GBP', 'INR', 105.73],
];
const COUNTRIES = ['FR', 'DE', 'GB', 'US', 'JP', 'IE', 'ES', 'IT', 'NL', 'CH', 'AU', 'CA', 'SE', 'SG', 'IN', 'BR'];
const USERS = 10_000;

/** A small deterministic PRNG (mulberry32), so a run's trades are the same every time. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const cents = (n: number) => Math.round(n * 100) / 100;

/** Makes trades; `seed` tells generators apart. */
export class TradeGenerator {
  private readonly next: () => number;

  constructor(seed = 1) {
    this.next = random(seed);
  }

  trade(): TradeFields {
    const pick = <T>(list: T[]) => list[Math.floor(this.next() * list.length)];
    const [currencyFrom, currencyTo, baseRate] = pick(PAIRS);
    const rate = Number((baseRate * (0.99 + this.next() * 0.02)).toPrecision(5));
    const amountSell = cents(10 + this.next() ** 3 * 50_000);
    // Placed at some instant of the last two years (2024-2025), read as UTC.
    const placed = new Date(Date.UTC(2024, 0, 1) + Math.floor(this.next() * 730 * 86_400) * 1000);
    return {
      userId: `u${Math.floor(this.next() * USERS)}`,
      currencyFrom,
      currencyTo,
      amountSell,
      amountBuy: cents(amountSell * rate),
      rate,
      timePlaced: formatTimePlaced(placed),
      originatingCountry: pick(COUNTRIES),
    };
  }

  trades(count: number): TradeFields[] {
    return Array.from({ length: count }, () => this.trade());
  }
}

/** The trade as ingest would store it, with a fresh id. */
export const canonical = (fields: TradeFields, receivedAt = new Date()): CanonicalTrade =>
  toTrade(fields, randomTradeId(), receivedAt);
