/** An exact decimal number written as a string ("1747.1"): sums of amounts never round. */
export type Decimal = string;

/** The two groups of figures: by currency pair, and by originating country. */
export type FigureKind = 'pairs' | 'countries';

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

/** The figures of every partition together: what clients are shown. */
export interface MergedStats {
  total: number;
  pairs: Record<string, PairFigures>;
  countries: Record<string, CountryFigures>;
}
