import type { Trade } from '@tradeflow/trade';
import { addDecimal, toDecimal } from './decimal';
import type { FigureKind } from './figure-kind';
import { countryKey } from './keys';
import type { CountryFigures, Decimal } from './model';

/** Sums per currency added currency by currency, in alphabetical order so that equal figures read alike. */
function addPerCurrency(a: Record<string, Decimal>, b: Record<string, Decimal>): Record<string, Decimal> {
  const currencies = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  return Object.fromEntries(
    currencies.map((currency) => [currency, addDecimal(a[currency] ?? '0', b[currency] ?? '0')]),
  );
}

const combine = (a: CountryFigures, b: CountryFigures): CountryFigures => ({
  country: a.country,
  count: a.count + b.count,
  sold: addPerCurrency(a.sold, b.sold),
});

export const COUNTRIES: FigureKind<CountryFigures> = {
  keyOf: (trade: Trade) => countryKey(trade.originatingCountry),
  ofTrade: (trade: Trade) => ({
    country: trade.originatingCountry,
    count: 1,
    sold: { [trade.currencyFrom]: toDecimal(trade.amountSell) },
  }),
  append: combine,
  merge: combine,
};
