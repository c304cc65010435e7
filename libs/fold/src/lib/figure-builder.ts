import type { Trade } from '@tradeflow/contract';

/**
 * How one kind of figures (a pair's, a country's) is built from trades. A batch's new trades of a
 * name are summed up on their own first, then added to the partition's figures once: the costly
 * work (exact sums, buckets, building objects) is done per name and batch, not per trade.
 */
export interface FigureBuilder<F> {
  /** The name a trade counts under: its pair, `EUR-GBP`, or its country. */
  nameOf(trade: Trade): string;
  /** The figures of some trades of one key alone (at least one), given in stream order. */
  ofTrades(trades: readonly Trade[]): F;
  /** One partition's figures and the figures of its next trades (higher seqs) together. */
  append(share: F, next: F): F;
  /** Two partitions' figures together; `b` is the higher partition. */
  merge(a: F, b: F): F;
}
