import type { Trade } from '@tradeflow/trade';
import { foldPartition, NO_STATS } from './fold';
import { groupBy } from './group-by';
import { partitionStatsKey } from './keys';
import type { PartitionStats, SequencedTrade } from './model';

/**
 * Every partition's figures folded from scratch out of a whole stream (in stream order), by their
 * KV key: each partition's trades in one batch. Incremental folding in any batches gives the same.
 */
export function recount(trades: SequencedTrade[], partitionOf: (trade: Trade) => number): Map<string, PartitionStats> {
  const values = new Map<string, PartitionStats>();
  const byPartition = groupBy(trades, ({ trade }) => partitionOf(trade));
  for (const partition of [...byPartition.keys()].sort((a, b) => a - b)) {
    values.set(partitionStatsKey(partition), foldPartition(NO_STATS, byPartition.get(partition) ?? []));
  }
  return values;
}
