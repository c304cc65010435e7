// Trades that ingest must refuse, each spoilt in one of the ways a real client gets a trade
// wrong. Every one is refused item by item (a field's rule), never as a malformed body, so a batch
// that holds one still stores its valid trades.
import type { TradeFields } from '@tradeflow/contract';

/** A trade as sent: valid, or spoilt in a way that takes it out of the type. */
export type Submission = TradeFields | Record<string, unknown>;

export interface InvalidKind {
  name: string;
  spoil(trade: TradeFields): Submission;
}

/** 31 February of the trade's year, at its time of day. */
const impossibleDate = (timePlaced: string) => `31-FEB-${timePlaced.slice(7)}`;

export const INVALID_KINDS: readonly InvalidKind[] = [
  { name: 'negative amount', spoil: (trade) => ({ ...trade, amountSell: -trade.amountSell }) },
  { name: 'amount as a string', spoil: (trade) => ({ ...trade, amountSell: String(trade.amountSell) }) },
  { name: 'amountBuy off the rate', spoil: (trade) => ({ ...trade, amountBuy: trade.amountBuy * 2 }) },
  { name: 'same currency both ways', spoil: (trade) => ({ ...trade, currencyTo: trade.currencyFrom }) },
  { name: 'unknown currency', spoil: (trade) => ({ ...trade, currencyFrom: 'XYZ' }) },
  { name: 'country UK (it is GB)', spoil: (trade) => ({ ...trade, originatingCountry: 'UK' }) },
  { name: 'impossible date', spoil: (trade) => ({ ...trade, timePlaced: impossibleDate(trade.timePlaced) }) },
  {
    name: 'missing userId',
    spoil: (trade) => {
      const { userId: _missing, ...rest } = trade;
      return rest;
    },
  },
];
