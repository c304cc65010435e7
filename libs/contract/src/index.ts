export { TRADE_FIELDS, type Trade, type TradeFields } from './lib/trade';
export { EXAMPLE_TRADE } from './lib/example-trade';
export type {
  CountryFigures,
  Decimal,
  FigureKind,
  MergedStats,
  MinuteRate,
  PairDirection,
  PairFigures,
  VolumeBucket,
} from './lib/figures';
export { addDecimal, compareDecimals, sumDecimals, sumValidDecimals, toDecimal } from './lib/decimal';
export { pairDirection } from './lib/direction';
export {
  FLAG_KINDS,
  type Flag,
  flagId,
  type FlagKind,
  type OffMarketFlag,
  readFlag,
  type VelocityFlag,
} from './lib/flags';
export { isCount, isRecord } from './lib/checks';
export { encodeStatsUpdate, readStatsUpdate, type StatsUpdate } from './lib/stats-update';
export { type FoldStatus, type PartitionFoldStatus, readFoldStatus } from './lib/fold-status';
export { type FoldHealth, HEALTH_OK } from './lib/fold-health';
export {
  type Feed,
  type HealthMessage,
  type SerialisedFigures,
  type ServerMessage,
  type SnapshotMessage,
  type SummaryMessage,
  type TransactionsMessage,
  healthMessage,
  parseServerMessage,
  requestedFeed,
  snapshotMessage,
  SUBSCRIBE_SUMMARY,
  summaryMessage,
  transactionsMessage,
} from './lib/ws-messages';
