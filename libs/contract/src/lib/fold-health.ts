import { isRecord } from './checks';

/**
 * The fold's health as clients are told it: `degraded` while a partition of the trades is stuck,
 * with why and since when, by partition number.
 */
export interface FoldHealth {
  status: 'ok' | 'degraded';
  partitions: Record<string, { reason: string; since: string }>;
}

export const HEALTH_OK: FoldHealth = Object.freeze({ status: 'ok', partitions: Object.freeze({}) }) as FoldHealth;

/** The fold's health read from a message, checked whole (it is shown as text), or null when it is not one. */
export function parseFoldHealth(value: unknown): FoldHealth | null {
  if (
    !isRecord(value) ||
    (value['status'] !== 'ok' && value['status'] !== 'degraded') ||
    !isRecord(value['partitions'])
  ) {
    return null;
  }
  const partitions: FoldHealth['partitions'] = {};
  for (const [partition, stuck] of Object.entries(value['partitions'])) {
    if (!isRecord(stuck) || typeof stuck['reason'] !== 'string' || typeof stuck['since'] !== 'string') return null;
    partitions[partition] = { reason: stuck['reason'], since: stuck['since'] };
  }
  return { status: value['status'] as FoldHealth['status'], partitions };
}
