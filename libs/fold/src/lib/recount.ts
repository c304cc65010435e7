import type { Flag } from '@tradeflow/contract';
import { DEFAULT_DETECTOR_SETTINGS, type DetectorSettings } from './detectors/settings';
import { foldBatch, NO_STATS } from './fold';
import { groupBy } from './group-by';
import { partitionStatsKey } from './keys';
import type { PartitionStats } from './model';
import { type PartitionMessage, sequencedMessage } from './stored-trade';

/** A whole stream folded from scratch: every partition's value by its KV key, and the flags raised. */
export interface Recount {
  values: Map<string, PartitionStats>;
  /** With the partition whose fold raised each, by partition then stream order. */
  flags: { partition: number; flag: Flag }[];
}

/**
 * Every partition's value folded from scratch out of a whole stream (in stream order), and the
 * flags its trades raise: each partition's messages in one batch, decided as the fold decides
 * them (a trade, or a message set aside), through the detectors with `settings`. Incremental
 * folding in any batches gives the same.
 */
export function recount(
  messages: readonly PartitionMessage[],
  partitions: number,
  settings: DetectorSettings = DEFAULT_DETECTOR_SETTINGS,
): Recount {
  const recounted: Recount = { values: new Map(), flags: [] };
  const byPartition = groupBy(messages, (message) => message.partition);
  for (const partition of [...byPartition.keys()].sort((a, b) => a - b)) {
    const decided = (byPartition.get(partition) ?? []).map((message) => sequencedMessage(message, partitions));
    const { stats, flags } = foldBatch(NO_STATS, decided, settings);
    recounted.values.set(partitionStatsKey(partition), stats);
    for (const flag of flags) recounted.flags.push({ partition, flag });
  }
  return recounted;
}
