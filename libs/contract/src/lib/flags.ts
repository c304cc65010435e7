import { isCount, isRecord } from './checks';
import type { Decimal } from './figures';
import type { Trade } from './trade';

/** What the fold flags: a rate far from its pair's market, a user trading too much too fast. */
export const FLAG_KINDS = ['off-market', 'velocity'] as const;
export type FlagKind = (typeof FLAG_KINDS)[number];

interface FlagOf<K extends FlagKind> {
  /** `<kind>:<trade id>`, also its Nats-Msg-Id in FLAGS: a trade is flagged at most once per kind. */
  id: string;
  kind: K;
  /** The flagged trade's sequence in TRANSACTIONS. */
  seq: number;
  trade: Trade;
}

/** A trade whose rate is further than the threshold from the median of its pair's previous rates. */
export interface OffMarketFlag extends FlagOf<'off-market'> {
  /** The median of the window: the pair's previous rates in the trade's partition. */
  reference: number;
  /** |rate − reference| / reference, in percent, to 6 decimal places. */
  deviationPercent: number;
  /** How many rates the window held. */
  window: number;
}

/** A user over a limit within a window of receivedAt; flagged at the trade that went over, once a window. */
export interface VelocityFlag extends FlagOf<'velocity'> {
  /** From the receivedAt of the user's trade that opened it, for the configured length. */
  window: { start: string; end: string };
  /** The user's trades in the window, this one included. */
  trades: number;
  /** The user's amounts sold in the window, this trade's included, in each currency that has a limit. */
  sold: Record<string, Decimal>;
  /** The limits this trade went over: `21 trades > 20`, `sold 120000 EUR > 100000`. */
  exceeded: string[];
}

export type Flag = OffMarketFlag | VelocityFlag;

export const flagId = (kind: FlagKind, tradeId: string): string => `${kind}:${tradeId}`;

const isKind = (value: unknown): value is FlagKind => FLAG_KINDS.includes(value as FlagKind);
const isText = (value: unknown): value is string => typeof value === 'string' && value.length > 0;
const isFiniteNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

function hasFiguresOf(flag: Record<string, unknown>): boolean {
  if (flag['kind'] === 'off-market') {
    return isFiniteNumber(flag['reference']) && isFiniteNumber(flag['deviationPercent']) && isCount(flag['window']);
  }
  const window = flag['window'];
  return (
    isRecord(window) &&
    isText(window['start']) &&
    isText(window['end']) &&
    isCount(flag['trades']) &&
    isRecord(flag['sold']) &&
    Object.values(flag['sold']).every(isText) &&
    Array.isArray(flag['exceeded']) &&
    flag['exceeded'].every(isText)
  );
}

/**
 * A message of FLAGS, or null when it is not one: its id must be its kind's of its trade's id, and
 * it must carry its kind's figures. The trade inside is not checked field by field.
 */
export function readFlag(text: string): Flag | null {
  let flag: unknown;
  try {
    flag = JSON.parse(text);
  } catch {
    return null;
  }
  if (!isRecord(flag) || !isKind(flag['kind']) || !isCount(flag['seq'])) return null;
  const trade = flag['trade'];
  if (!isRecord(trade) || !isText(trade['id']) || flag['id'] !== flagId(flag['kind'], trade['id'])) return null;
  return hasFiguresOf(flag) ? (flag as unknown as Flag) : null;
}
