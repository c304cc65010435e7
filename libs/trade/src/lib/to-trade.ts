import type { Trade, TradeFields } from '@tradeflow/contract';
import { createHash, randomUUID } from 'node:crypto';
import { parseTimePlaced } from './time-placed';

/** A fresh id for a trade submitted without an idempotency key. */
export const randomTradeId = (): string => randomUUID();

/**
 * The id of a trade named by something unique forever (a tx.submit message's place in
 * SUBMISSIONS): the same name always yields the same id, so a redelivered submission is
 * deduplicated by JetStream instead of being stored twice.
 */
export function tradeId(name: string): string {
  const hex = createHash('sha256').update(`tradeflow:${name}`).digest('hex');
  // Shaped as an RFC 9562 version-8 (custom) UUID so that every trade id looks alike.
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** The canonical form of a validated trade, as stored in TRANSACTIONS. */
export function toTrade(fields: TradeFields, id: string, receivedAt: Date): Trade {
  const placed = parseTimePlaced(fields.timePlaced);
  if (!placed) throw new Error(`toTrade needs a validated trade: bad timePlaced ${fields.timePlaced}`);
  return { id, ...fields, timePlacedIso: placed.toISOString(), receivedAt: receivedAt.toISOString() };
}
