import { randomTradeId, tradeId } from '@tradeflow/trade';
import { invalidRequest } from './invalid-request';

const KEY_FORMAT = /^[\x21-\x7e]{1,255}$/;

/**
 * The trade ids of a request: derived from its Idempotency-Key, so a retry names the same trades
 * (a batch item by its index), or fresh when there is none.
 */
export function tradeIds(key: string | undefined): (index?: number) => string {
  if (key === undefined) return randomTradeId;
  if (!KEY_FORMAT.test(key)) {
    throw invalidRequest('invalid Idempotency-Key header', [
      { field: 'Idempotency-Key', message: 'Idempotency-Key must be 1 to 255 visible ASCII characters' },
    ]);
  }
  return (index) => tradeId(index === undefined ? key : `${key}#${index}`);
}
