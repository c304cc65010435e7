export * from './lib/model';
export { STATS_KEYS, pairName, partitionOfKey, partitionStatsKey } from './lib/keys';
export { foldPartition, NO_STATS } from './lib/fold';
export { mergeFigure, mergePartitions } from './lib/merge';
export { recount } from './lib/recount';
export { checkStoredTrade, type PartitionMessage, sequencedMessage, type StoredTradeCheck } from './lib/stored-trade';
