import type { TradeFields } from './trade';

/** The trade of the original brief, valid as it stands. */
export const EXAMPLE_TRADE: Readonly<TradeFields> = Object.freeze({
  userId: '134256',
  currencyFrom: 'EUR',
  currencyTo: 'GBP',
  amountSell: 1000,
  amountBuy: 747.1,
  rate: 0.7471,
  timePlaced: '24-JAN-18 10:27:44',
  originatingCountry: 'FR',
});
