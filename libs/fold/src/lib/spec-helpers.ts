// Test helpers for the fold's specs: trades in canonical form, and a KV bucket as a Map.
import { EXAMPLE_TRADE, type Flag, type MergedStats, type Trade } from '@tradeflow/contract';
import type { DetectorSettings } from './detectors/settings';
import { foldBatch, NO_STATS } from './fold';
import { mergePartitions } from './merge';
import type { PartitionStats, SequencedMessage, SequencedTrade } from './model';

let lastId = 0;

/** The example trade, received at 2026-11-25T10:27:44Z, with the given fields changed. */
export const tradeWith = (fields: Partial<Trade> = {}): Trade => ({
  ...EXAMPLE_TRADE,
  id: `trade-${++lastId}`,
  timePlacedIso: '2018-01-24T10:27:44.000Z',
  receivedAt: '2026-11-25T10:27:44.000Z',
  ...fields,
});

export const at = (seq: number, fields: Partial<Trade> = {}): SequencedTrade => ({ seq, trade: tradeWith(fields) });

/** Partitions' figures by partition, as the KV bucket holds them. */
export type PartitionStore = Map<number, PartitionStats>;

/**
 * Folds a batch into the store as process would write it to KV: through JSON, so that what is
 * kept is what a KV entry holds. Returns the partition's new figures; the flags raised are added
 * to `flags` when given.
 */
export function applyBatch(
  store: PartitionStore,
  partition: number,
  messages: SequencedMessage[],
  flags?: Flag[],
  settings?: DetectorSettings,
): PartitionStats {
  const folded = foldBatch(store.get(partition) ?? NO_STATS, messages, settings);
  store.set(partition, JSON.parse(JSON.stringify(folded.stats)));
  flags?.push(...folded.flags);
  return folded.stats;
}

/** Every partition's figures merged, in ascending partition order, as clients are shown them. */
export const mergedStore = (store: PartitionStore): MergedStats =>
  mergePartitions([...store.keys()].sort((a, b) => a - b).map((partition) => store.get(partition) as PartitionStats));
