import { createHash } from 'node:crypto';
import { type Refused, refused } from '../intake/intake-outcome';

export const KEY_FORMAT = /^[\x21-\x7e]{1,255}$/;

/** The same rule over HTTP and tx.submit: none, or 1 to 255 visible ASCII characters. */
export const isValidKey = (key: string | undefined): boolean => key === undefined || KEY_FORMAT.test(key);

export const INVALID_KEY = refused('invalid', 'invalid Idempotency-Key header', [
  { field: 'Idempotency-Key', message: 'Idempotency-Key must be 1 to 255 visible ASCII characters' },
]);

/** A key as a KV key, whose characters are only `A-Z a-z 0-9 - _ / = .`. */
const digest = (key: string) => createHash('sha256').update(key).digest('hex');

/**
 * A key's entry in the bucket for a single trade (POST /transactions and tx.submit share them, so
 * a trade sent one way and retried the other is stored once), apart from a batch's items.
 */
export const tradeEntry = (key: string): string => `trade.${digest(key)}`;

/** The entries of a batch's items: item i of a batch with key k is `k`'s i-th, nothing else. */
export function batchEntries(key: string): (index: number) => string {
  const batch = `batch.${digest(key)}`;
  return (index) => `${batch}.${index}`;
}

const conflict = (message: string): Refused => refused('conflict', message, [{ field: 'Idempotency-Key', message }]);

export const tradeConflict = (key: string): Refused =>
  conflict(`Idempotency-Key ${key} was used for a different trade`);

export const batchConflict = (key: string, indices: number[]): Refused =>
  conflict(`Idempotency-Key ${key} was used for a different batch: the trades at index ${indices.join(', ')} differ`);
