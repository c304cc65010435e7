export * from './lib/model';
export { STATS_KEYS, pairName, partitionOfKey, partitionStatsKey } from './lib/keys';
export { type FoldedBatch, foldBatch, foldPartition, NO_STATS } from './lib/fold';
export { mergeFigure, mergePartitions } from './lib/merge';
export { type Recount, recount } from './lib/recount';
export { checkStoredTrade, type PartitionMessage, sequencedMessage, type StoredTradeCheck } from './lib/stored-trade';
export { type DetectorState, NO_DETECTORS } from './lib/detectors/detectors';
export { DetectorEnvironment, detectorSettings } from './lib/detectors/detector.environment';
export {
  DEFAULT_DETECTOR_SETTINGS,
  type DetectorSettings,
  type OffMarketSettings,
  type VelocitySettings,
} from './lib/detectors/settings';
export type { UserWindows } from './lib/detectors/velocity';
