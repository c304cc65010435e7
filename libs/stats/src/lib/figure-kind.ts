import type { Trade } from '@tradeflow/trade';

/**
 * How one kind of figures (a pair's, a country's, the total) is built from trades. A batch's new
 * trades of a key are summed up on their own first, then added to the partition's share once: the
 * costly work (exact sums, buckets, building objects) is done per key and batch, not per trade.
 */
export interface FigureKind<F> {
  /** The KV key a trade counts under. */
  keyOf(trade: Trade): string;
  /** The figures of some trades of one key alone (at least one), given in stream order. */
  ofTrades(trades: readonly Trade[]): F;
  /** One partition's figures and the figures of its next trades (higher seqs) together. */
  append(share: F, next: F): F;
  /** Two partitions' figures together; `b` is the higher partition. */
  merge(a: F, b: F): F;
}
