import { TRADE_FIELDS, type TradeFields } from '@tradeflow/contract';
import { createHash } from 'node:crypto';

/**
 * A digest of a validated trade's eight fields, in trade order: the same for the same trade
 * however its JSON was laid out (key order, `1000` or `1000.0`), different for any other trade.
 * It tells whether a reused Idempotency-Key comes with the trade it was first used for.
 */
export function tradeFingerprint(fields: TradeFields): string {
  const values = TRADE_FIELDS.map((field) => fields[field]);
  return createHash('sha256').update(JSON.stringify(values)).digest('base64url');
}
