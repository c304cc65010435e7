import type { Flag } from '@tradeflow/contract';
import type { SequencedTrade } from '../model';
import { detectOffMarket } from './off-market';
import type { DetectorSettings } from './settings';
import type { UserWindow } from './velocity';
import { detectVelocity } from './velocity';

/**
 * What the detectors remember of a partition's trades, kept in the partition's value beside its
 * figures and written with them: the value of a prefix of the partition is its figures, its
 * checkpoint and its detectors' state together, so a fold resumed from it, or a recount, flags
 * exactly the trades a fold that never stopped would have flagged.
 */
export interface DetectorState {
  /** By pair: the partition's last rates of the pair, oldest first (off-market). */
  rates: Record<string, number[]>;
  /** By userId: the users' open windows (velocity). */
  users: Record<string, UserWindow>;
  /** The latest receivedAt folded, epoch ms: the partition's stream time, which closes the users' windows. */
  latestMs: number;
}

/** A partition's detectors before its first trade. */
export const NO_DETECTORS: DetectorState = Object.freeze({
  rates: Object.freeze({}),
  users: Object.freeze({}),
  latestMs: 0,
}) as DetectorState;

/**
 * Runs every detector over a batch of one partition's trades (ascending seq): the detectors' new
 * state, and the flags raised, in the order of their trades (off-market first for one trade).
 */
export function detect(
  state: DetectorState,
  trades: readonly SequencedTrade[],
  settings: DetectorSettings,
): { detectors: DetectorState; flags: Flag[] } {
  const offMarket = detectOffMarket(state.rates, trades, settings.offMarket);
  const velocity = detectVelocity(state, trades, settings.velocity);
  const flags: Flag[] = [...offMarket.flags, ...velocity.flags];
  // Stable: of two flags of one trade, off-market stays first.
  flags.sort((a, b) => a.seq - b.seq);
  return {
    detectors: { rates: offMarket.rates, users: velocity.users, latestMs: velocity.latestMs },
    flags,
  };
}
