import { randomTradeId, tradeId } from '@tradeflow/trade';
import { refused } from './intake-outcome';

const KEY_FORMAT = /^[\x21-\x7e]{1,255}$/;

/**
 * The trade ids of a request: derived from its Idempotency-Key, so a retry names the same trades
 * (a batch item by its index), or fresh when there is none. Undefined for a malformed key.
 */
export function tradeIds(key: string | undefined): ((index?: number) => string) | undefined {
  if (key === undefined) return randomTradeId;
  if (!KEY_FORMAT.test(key)) return undefined;
  return (index) => tradeId(index === undefined ? key : `${key}#${index}`);
}

export const INVALID_KEY = refused('invalid', 'invalid Idempotency-Key header', [
  { field: 'Idempotency-Key', message: 'Idempotency-Key must be 1 to 255 visible ASCII characters' },
]);
