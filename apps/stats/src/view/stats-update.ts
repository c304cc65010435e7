import type { StatsUpdate } from '@tradeflow/fold';
import { isCount } from './checks';

/** A `stats.updates` message, or null when it is not one (the subject is open to any client). */
export function readStatsUpdate(text: string): StatsUpdate | null {
  let update: Partial<StatsUpdate>;
  try {
    update = JSON.parse(text) as Partial<StatsUpdate>;
  } catch {
    return null;
  }
  const valid =
    typeof update === 'object' &&
    update !== null &&
    isCount(update.partition) &&
    isCount(update.previousSeq) &&
    isCount(update.lastSeq) &&
    isCount(update.partitionTotal) &&
    Array.isArray(update.items);
  return valid ? (update as StatsUpdate) : null;
}
