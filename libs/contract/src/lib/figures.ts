/** An exact decimal number written as a string ("1747.1"): sums of amounts never round. */
export type Decimal = string;

/** The two groups of figures: by currency pair, and by originating country. */
export type FigureKind = 'pairs' | 'countries';

/** Trades and amounts in one minute or one hour, by the trades' `receivedAt`. */
export interface VolumeBucket {
  /** Start of the minute or hour, ISO-8601 UTC. */
  start: string;
  count: number;
  /** Sum of amountSell, in the pair's `from`. */
  sold: Decimal;
  /**
   * Sum of amountBuy, in the pair's `to`: with `sold`, the bucket's volume-weighted rate. Absent
   * from a bucket written before buckets had it.
   */
  bought?: Decimal;
}

/** A minute of a pair's series and its volume-weighted rate (bought / sold). */
export interface MinuteRate {
  /** Start of the minute, ISO-8601 UTC. */
  start: string;
  rate: number;
}

/**
 * Where a pair is going: the volume-weighted rate of its newest minute against that of the oldest
 * minute of its series (the last hour), over all partitions.
 */
export interface PairDirection {
  latest: MinuteRate;
  earliest: MinuteRate;
  /** (latest − earliest) / earliest, in percent. */
  changePercent: number;
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
  /**
   * Merged figures only (none in a partition's value): derived from `minutes` when they span two
   * minutes or more.
   */
  direction?: PairDirection;
}

/** The figures of one originating country. */
export interface CountryFigures {
  country: string;
  count: number;
  /** Sum of amountSell per sold currency: amounts in different currencies are never added. */
  sold: Record<string, Decimal>;
}

/** The figures of every partition together: what clients are shown. */
export interface MergedStats {
  total: number;
  pairs: Record<string, PairFigures>;
  countries: Record<string, CountryFigures>;
}
