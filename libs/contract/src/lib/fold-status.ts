import { isRecord } from './checks';

/** How one partition's fold stands, as the instance folding it says. */
export type PartitionFoldStatus =
  | { state: 'ok' }
  /** Not moving: its fold keeps failing, or work waits and its checkpoint does not move. */
  | { state: 'stuck'; reason: string; since: string };

/**
 * What each process instance publishes on SUBJECTS.statsStatus when a partition's status changes,
 * and every few seconds: every partition it folds, by partition number. An instance that stops
 * publishing is forgotten by the gateways after a while; one shutting down says it folds none.
 */
export interface FoldStatus {
  instance: string;
  partitions: Record<string, PartitionFoldStatus>;
}

const MAX_PARTITIONS = 1024;
const MAX_TEXT = 1000;

const isText = (value: unknown, max = MAX_TEXT): value is string =>
  typeof value === 'string' && value.length > 0 && value.length <= max;

function readPartition(value: unknown): PartitionFoldStatus | null {
  if (!isRecord(value)) return null;
  if (value.state === 'ok') return { state: 'ok' };
  if (value.state === 'stuck' && isText(value.reason) && isText(value.since, 64)) {
    return { state: 'stuck', reason: value.reason, since: value.since };
  }
  return null;
}

/**
 * A `stats.status` message of a process instance, or null when it is not one (any client may
 * publish on it where the server grants that): its name, and each partition it folds by number, ok or stuck with a reason.
 */
export function readFoldStatus(text: string): FoldStatus | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (!isRecord(value) || !isText(value.instance, 256) || !isRecord(value.partitions)) return null;
  const entries = Object.entries(value.partitions);
  if (entries.length > MAX_PARTITIONS) return null;
  const partitions: FoldStatus['partitions'] = {};
  for (const [key, status] of entries) {
    const read = readPartition(status);
    if (!/^(0|[1-9]\d{0,5})$/.test(key) || !read) return null;
    partitions[key] = read;
  }
  return { instance: value.instance, partitions };
}
