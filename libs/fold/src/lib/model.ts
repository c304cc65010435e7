import type { CountryFigures, PairFigures, Trade } from '@tradeflow/contract';
import type { DetectorState } from './detectors/detectors';

/**
 * The KV value of one partition (`partitions.<n>`): every figure of the partition's trades up to
 * `lastSeq`, written as one value. A value is always the fold of a whole prefix of the partition,
 * so `lastSeq` is also the fold's checkpoint, and no write can leave the figures and the
 * checkpoint apart. Every message of the prefix is either a trade counted in `total` or a message
 * set aside, counted in `quarantined`. The detectors' state is part of the same value, so the
 * flags are as exactly once as the figures.
 */
export interface PartitionStats {
  /** The last TRANSACTIONS sequence of the partition folded into these figures. */
  lastSeq: number;
  /** Trades counted. */
  total: number;
  /** Messages of the partition's subject that are no foldable trade, set aside in QUARANTINE. */
  quarantined: number;
  /** By pair name, `EUR-GBP`. */
  pairs: Record<string, PairFigures>;
  /** By country code. */
  countries: Record<string, CountryFigures>;
  /**
   * What the detectors remember of the partition's trades: its pairs' last rates, its users' open
   * windows. Absent from a value written before there were detectors.
   */
  detectors?: DetectorState;
}

/** A trade with its sequence in TRANSACTIONS. */
export interface SequencedTrade {
  seq: number;
  trade: Trade;
}

/** A stored message that is no foldable trade, with its sequence in TRANSACTIONS and why. */
export interface SequencedQuarantine {
  seq: number;
  quarantined: string;
}

/** What the fold takes from a partition's subject: a trade to count, or a message to set aside. */
export type SequencedMessage = SequencedTrade | SequencedQuarantine;
