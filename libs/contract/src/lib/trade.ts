/** The eight fields of a trade as submitted, in the order of the original brief. */
export const TRADE_FIELDS = [
  'userId',
  'currencyFrom',
  'currencyTo',
  'amountSell',
  'amountBuy',
  'rate',
  'timePlaced',
  'originatingCountry',
] as const;

export interface TradeFields {
  userId: string;
  currencyFrom: string;
  currencyTo: string;
  amountSell: number;
  amountBuy: number;
  rate: number;
  /** As submitted: `DD-MMM-YY HH:mm:ss`, read as UTC. */
  timePlaced: string;
  originatingCountry: string;
}

/** An accepted trade in canonical form, as stored in the TRANSACTIONS stream. */
export interface Trade extends TradeFields {
  id: string;
  /** `timePlaced` as ISO-8601 UTC. */
  timePlacedIso: string;
  /** When ingest accepted the trade, ISO-8601 UTC. */
  receivedAt: string;
}
