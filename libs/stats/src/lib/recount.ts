import type { Trade } from '@tradeflow/trade';
import { foldBatch, type StatsValue } from './fold';
import { groupBy } from './group-by';
import type { SequencedTrade } from './model';

/**
 * Every value folded from scratch out of a whole stream (in stream order): each partition's trades
 * in one batch, partitions in ascending order. Incremental folding in any batches gives the same.
 */
export function recount(trades: SequencedTrade[], partitionOf: (trade: Trade) => number): Map<string, StatsValue> {
  const values = new Map<string, StatsValue>();
  const byPartition = groupBy(trades, ({ trade }) => partitionOf(trade));
  for (const partition of [...byPartition.keys()].sort((a, b) => a - b)) {
    for (const [key, value] of foldBatch((key) => values.get(key), partition, byPartition.get(partition) ?? [])) {
      values.set(key, value);
    }
  }
  return values;
}
