import type { Trade } from '@tradeflow/trade';

/** An exact decimal number written as a string ("1747.1"): sums of amounts never round. */
export type Decimal = string;

/** Trades and amount sold in one minute or one hour, by the trades' `receivedAt`. */
export interface VolumeBucket {
  /** Start of the minute or hour, ISO-8601 UTC. */
  start: string;
  count: number;
  sold: Decimal;
}

/** The figures of one currency pair. */
export interface PairFigures {
  from: string;
  to: string;
  count: number;
  /** Sum of amountSell, in `from`. */
  sold: Decimal;
  /** Sum of amountBuy, in `to`. */
  bought: Decimal;
  rate: { last: number; min: number; max: number };
  /** receivedAt of the trade that set `rate.last`. */
  lastAt: string;
  /** Per minute, the last 60 minutes up to the newest bucket, oldest first. */
  minutes: VolumeBucket[];
  /** Per hour, the last 48 hours up to the newest bucket, oldest first. */
  hours: VolumeBucket[];
}

/** The figures of one originating country. */
export interface CountryFigures {
  country: string;
  count: number;
  /** Sum of amountSell per sold currency: amounts in different currencies are never added. */
  sold: Record<string, Decimal>;
}

/**
 * The KV value of one partition (`partitions.<n>`): every figure of the partition's trades up to
 * `lastSeq`, written as one value. A value is always the fold of a whole prefix of the partition,
 * so `lastSeq` is also the fold's checkpoint, and no write can leave the figures and the
 * checkpoint apart. Every message of the prefix is either a trade counted in `total` or a message
 * set aside, counted in `quarantined`.
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
}

/** The figures of every partition together: what clients are shown. */
export interface MergedStats {
  total: number;
  pairs: Record<string, PairFigures>;
  countries: Record<string, CountryFigures>;
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

/**
 * What process publishes on SUBJECTS.statsUpdates after each folded batch of one partition.
 * `previousSeq` is the partition's checkpoint before the batch: a gateway whose last seen
 * `lastSeq` of that partition differs has missed an update and resynchronises from KV.
 */
export interface StatsUpdate {
  partition: number;
  previousSeq: number;
  lastSeq: number;
  /** The partition's trades counted, with this batch's. */
  partitionTotal: number;
  items: Trade[];
}

/** How one partition's fold stands, as the instance folding it says. */
export type PartitionFoldStatus =
  | { state: 'ok' }
  /** Not moving: its fold keeps failing, or work waits and its checkpoint does not move. */
  | { state: 'stuck'; reason: string; since: string };

/**
 * What each process instance publishes on SUBJECTS.statsStatus when a partition's status changes,
 * and every few seconds: every partition it folds, by partition number. An instance that stops
 * publishing is forgotten by the gateways after a while; one shutting down says it folds none.
 */
export interface FoldStatus {
  instance: string;
  partitions: Record<string, PartitionFoldStatus>;
}
