// Test helpers for the fold's specs: trades in canonical form, and a KV bucket as a Map.
import { REFERENCE_TRADE } from '@tradeflow/testing';
import type { Trade } from '@tradeflow/trade';
import { foldBatch, type StatsValue } from './fold';
import type { SequencedTrade } from './model';

let lastId = 0;

/** The reference trade, received at 2026-11-25T10:27:44Z, with the given fields changed. */
export const tradeWith = (fields: Partial<Trade> = {}): Trade => ({
  ...REFERENCE_TRADE,
  id: `trade-${++lastId}`,
  timePlacedIso: '2018-01-24T10:27:44.000Z',
  receivedAt: '2026-11-25T10:27:44.000Z',
  ...fields,
});

export const at = (seq: number, fields: Partial<Trade> = {}): SequencedTrade => ({ seq, trade: tradeWith(fields) });

/**
 * Folds a batch into the store as process would write it to KV: through JSON, so that what is
 * kept is what a KV entry holds. Returns what foldBatch answered.
 */
export function applyBatch(
  store: Map<string, StatsValue>,
  partition: number,
  trades: SequencedTrade[],
): Map<string, StatsValue> {
  const folded = foldBatch((key) => store.get(key), partition, trades);
  for (const [key, value] of folded) store.set(key, JSON.parse(JSON.stringify(value)));
  return folded;
}
