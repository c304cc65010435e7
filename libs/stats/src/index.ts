export * from './lib/model';
export { STATS_KEYS, countryKey, pairKey, pairName } from './lib/keys';
export { addDecimal, toDecimal } from './lib/decimal';
export { foldBatch, type StatsLookup, type StatsValue } from './lib/fold';
export { recount } from './lib/recount';
export { withoutPartitions } from './lib/partitioned';
export { encodeStatsUpdate } from './lib/stats-update';
