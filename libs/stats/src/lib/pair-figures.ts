import type { Trade } from '@tradeflow/trade';
import { bucketStart, HOURS, MINUTES, mergeBuckets } from './buckets';
import { addDecimal, toDecimal } from './decimal';
import type { FigureKind } from './figure-kind';
import { pairKey } from './keys';
import type { PairFigures } from './model';

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

export const PAIRS: FigureKind<PairFigures> = {
  keyOf: (trade: Trade) => pairKey(trade.currencyFrom, trade.currencyTo),
  ofTrade: (trade: Trade) => {
    const sold = toDecimal(trade.amountSell);
    const bucket = (start: string) => [{ start, count: 1, sold }];
    return {
      from: trade.currencyFrom,
      to: trade.currencyTo,
      count: 1,
      sold,
      bought: toDecimal(trade.amountBuy),
      rate: { last: trade.rate, min: trade.rate, max: trade.rate },
      lastAt: trade.receivedAt,
      minutes: bucket(bucketStart(trade.receivedAt, MINUTES)),
      hours: bucket(bucketStart(trade.receivedAt, HOURS)),
    };
  },
  // Within a partition the last rate is the last trade's in stream order, whatever its receivedAt.
  append: (share, next) => combine(share, next, next),
  merge: (a, b) => combine(a, b, receivedLast(a, b)),
};
