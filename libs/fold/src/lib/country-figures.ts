import { addDecimal, type CountryFigures, type Decimal, sumDecimals, type Trade } from '@tradeflow/contract';
import type { FigureBuilder } from './figure-builder';
import { groupBy } from './group-by';

/** Sums per currency in alphabetical order of currency, so that equal figures read alike. */
const alphabetically = (sums: [string, Decimal][]): Record<string, Decimal> =>
  Object.fromEntries(sums.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));

/** The amounts sold per currency of some trades. */
const soldPerCurrency = (trades: readonly Trade[]): Record<string, Decimal> =>
  alphabetically(
    [...groupBy(trades, (trade) => trade.currencyFrom)].map(([currency, sold]) => [
      currency,
      sumDecimals(sold.map((trade) => trade.amountSell)),
    ]),
  );

/** Sums per currency added currency by currency. */
function addPerCurrency(a: Record<string, Decimal>, b: Record<string, Decimal>): Record<string, Decimal> {
  const currencies = new Set([...Object.keys(a), ...Object.keys(b)]);
  return alphabetically(
    [...currencies].map((currency) => [currency, addDecimal(a[currency] ?? '0', b[currency] ?? '0')]),
  );
}

const combine = (a: CountryFigures, b: CountryFigures): CountryFigures => ({
  country: a.country,
  count: a.count + b.count,
  sold: addPerCurrency(a.sold, b.sold),
});

export const COUNTRIES: FigureBuilder<CountryFigures> = {
  nameOf: (trade: Trade) => trade.originatingCountry,
  ofTrades: (trades) => ({
    country: trades[0].originatingCountry,
    count: trades.length,
    sold: soldPerCurrency(trades),
  }),
  append: combine,
  merge: combine,
};
