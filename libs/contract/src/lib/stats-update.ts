import { isCount } from './checks';
import type { Trade } from './trade';

/**
 * What process publishes on SUBJECTS.statsUpdates after each folded batch of one partition.
 * `previousSeq` is the partition's checkpoint before the batch: a gateway whose last seen
 * `lastSeq` of that partition differs has missed an update and resynchronises from KV.
 */
export interface StatsUpdate {
  partition: number;
  previousSeq: number;
  lastSeq: number;
  /** The partition's trades counted, with this batch's. */
  partitionTotal: number;
  items: Trade[];
}

const encoder = new TextEncoder();
const COMMA = 44;
const CLOSING = encoder.encode(']}');

/**
 * A StatsUpdate as the JSON bytes of a message, its items given as the bytes they were stored in:
 * process forwards a batch's trades as they came from the stream, copied, instead of serialising
 * and encoding each one again.
 */
export function encodeStatsUpdate(head: Omit<StatsUpdate, 'items'>, items: readonly Uint8Array[]): Uint8Array {
  const opening = encoder.encode(`${JSON.stringify(head).slice(0, -1)},"items":[`);
  const itemsLength = items.reduce((length, item) => length + item.length, Math.max(items.length - 1, 0));
  const message = new Uint8Array(opening.length + itemsLength + CLOSING.length);
  message.set(opening);
  let offset = opening.length;
  items.forEach((item, index) => {
    if (index > 0) message[offset++] = COMMA;
    message.set(item, offset);
    offset += item.length;
  });
  message.set(CLOSING, offset);
  return message;
}

/** A `stats.updates` message, or null when it is not one (any client may publish on it where the server grants that). */
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
