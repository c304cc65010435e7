import { foldPartition, NO_STATS } from './fold';
import { groupBy } from './group-by';
import { partitionStatsKey } from './keys';
import type { PartitionStats } from './model';
import { type PartitionMessage, sequencedMessage } from './stored-trade';

/**
 * Every partition's figures folded from scratch out of a whole stream (in stream order), by their
 * KV key: each partition's messages in one batch, decided as the fold decides them (a trade, or a
 * message set aside). Incremental folding in any batches gives the same.
 */
export function recount(messages: readonly PartitionMessage[], partitions: number): Map<string, PartitionStats> {
  const values = new Map<string, PartitionStats>();
  const byPartition = groupBy(messages, (message) => message.partition);
  for (const partition of [...byPartition.keys()].sort((a, b) => a - b)) {
    const decided = (byPartition.get(partition) ?? []).map((message) => sequencedMessage(message, partitions));
    values.set(partitionStatsKey(partition), foldPartition(NO_STATS, decided));
  }
  return values;
}
