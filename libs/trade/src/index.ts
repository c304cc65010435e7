export { TRADE_FIELDS, type Trade, type TradeFields } from './lib/trade';
export { TradeSubmission } from './lib/trade-submission';
export { parseTimePlaced } from './lib/time-placed';
export { validateTrade, type FieldError, type TradeValidation } from './lib/validate-trade';
export { parseJson, type JsonParse } from './lib/parse-json';
export { toTrade, tradeId, randomTradeId } from './lib/to-trade';
