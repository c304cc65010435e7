import type { Flag } from '@tradeflow/contract';
import type { SequencedTrade } from '../model';
import { detectOffMarket } from './off-market';
import type { DetectorSettings } from './settings';
import { detectVelocity, type UserWindows } from './velocity';

/**
 * What the detectors remember of a partition's trades, kept in the partition's value beside its
 * figures and written with them: the value of a prefix of the partition is its figures, its
 * checkpoint and its detectors' state together, so a fold resumed from it, or a recount, flags
 * exactly the trades a fold that never stopped would have flagged.
 */
export interface DetectorState {
  /** By pair: the partition's last rates of the pair, oldest first (off-market). */
  rates: Record<string, number[]>;
  /** The users' figures in the current window (velocity). */
  velocity: UserWindows;
}

/** A partition's detectors before its first trade. */
export const NO_DETECTORS: DetectorState = Object.freeze({
  rates: Object.freeze({}),
  velocity: Object.freeze({ start: 0, users: [], trades: [], sold: [] }),
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
  const { velocity, flags: tooFast } = detectVelocity(state.velocity, trades, settings.velocity);
  const flags: Flag[] = [...offMarket.flags, ...tooFast];
  // Stable: of two flags of one trade, off-market stays first.
  flags.sort((a, b) => a.seq - b.seq);
  return { detectors: { rates: offMarket.rates, velocity }, flags };
}
