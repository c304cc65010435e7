import { addDecimal, type PairFigures, sumDecimals, type Trade } from '@tradeflow/contract';
import { bucketsOf, HOURS, MINUTES, mergeBuckets } from './buckets';
import type { FigureBuilder } from './figure-builder';
import { pairName } from './keys';

/** a and b together; `latest` is the one whose last trade sets `rate.last` and `lastAt`. */
const combine = (a: PairFigures, b: PairFigures, latest: PairFigures): PairFigures => ({
  from: a.from,
  to: a.to,
  count: a.count + b.count,
  sold: addDecimal(a.sold, b.sold),
  bought: addDecimal(a.bought, b.bought),
  rate: { last: latest.rate.last, min: Math.min(a.rate.min, b.rate.min), max: Math.max(a.rate.max, b.rate.max) },
  lastAt: latest.lastAt,
  minutes: mergeBuckets(a.minutes, b.minutes, MINUTES),
  hours: mergeBuckets(a.hours, b.hours, HOURS),
});

/** Of two partitions, the one whose last trade was received last; on a tie, b (the higher partition). */
const receivedLast = (a: PairFigures, b: PairFigures): PairFigures =>
  Date.parse(b.lastAt) >= Date.parse(a.lastAt) ? b : a;

export const PAIRS: FigureBuilder<PairFigures> = {
  nameOf: (trade: Trade) => pairName(trade.currencyFrom, trade.currencyTo),
  ofTrades: (trades) => {
    const last = trades[trades.length - 1];
    const rates = trades.map((trade) => trade.rate);
    const sales = trades.map((trade) => ({
      receivedMs: Date.parse(trade.receivedAt),
      sold: trade.amountSell,
      bought: trade.amountBuy,
    }));
    return {
      from: last.currencyFrom,
      to: last.currencyTo,
      count: trades.length,
      sold: sumDecimals(sales.map((sale) => sale.sold)),
      bought: sumDecimals(sales.map((sale) => sale.bought)),
      rate: {
        last: last.rate,
        min: rates.reduce((a, b) => Math.min(a, b)),
        max: rates.reduce((a, b) => Math.max(a, b)),
      },
      lastAt: last.receivedAt,
      minutes: bucketsOf(sales, MINUTES),
      hours: bucketsOf(sales, HOURS),
    };
  },
  // Within a partition the last rate is the last trade's in stream order, whatever its receivedAt.
  append: (share, next) => combine(share, next, next),
  merge: (a, b) => combine(a, b, receivedLast(a, b)),
};
