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

export interface TotalFigures {
  total: number;
}

/**
 * A stored KV value: the figures merged over every partition, and each partition's own share with
 * the last TRANSACTIONS sequence folded into it. That sequence guards the share: a trade at or
 * below it was counted already, so a redelivery or a replay changes nothing.
 */
export type Partitioned<F> = F & { partitions: Record<string, F & { lastSeq: number }> };

export type PairValue = Partitioned<PairFigures>;
export type CountryValue = Partitioned<CountryFigures>;
/** The `total` key. Each partition's `lastSeq` here is also its fold checkpoint. */
export type TotalValue = Partitioned<TotalFigures>;

/** A trade with its sequence in TRANSACTIONS. */
export interface SequencedTrade {
  seq: number;
  trade: Trade;
}

/**
 * What process publishes on SUBJECTS.statsUpdates after each folded batch of one partition.
 * `previousSeq` is the partition's checkpoint before the batch: a gateway whose last seen
 * `lastSeq` of that partition differs has missed an update and resynchronises from KV.
 */
export interface StatsUpdate {
  partition: number;
  previousSeq: number;
  lastSeq: number;
  total: number;
  items: Trade[];
}
