export { TRADE_RULES, type FieldRule } from './lib/trade-rules';
export { formatTimePlaced, parseTimePlaced } from './lib/time-placed';
export { validateTrade, type FieldError, type TradeValidation } from './lib/validate-trade';
export { parseJson, type JsonParse } from './lib/parse-json';
export { minorUnitsOf } from './lib/currency-minor-units';
export { toTrade, tradeId, randomTradeId } from './lib/to-trade';
export { tradeFingerprint } from './lib/trade-fingerprint';
export { type JsonSchema, tradeJsonSchema } from './lib/trade-json-schema';
