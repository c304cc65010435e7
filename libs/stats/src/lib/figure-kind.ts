import type { Trade } from '@tradeflow/trade';

/** How one kind of figures (a pair's, a country's, the total) is built from trades. */
export interface FigureKind<F> {
  /** The KV key a trade counts under. */
  keyOf(trade: Trade): string;
  /** The figures of one trade alone. */
  ofTrade(trade: Trade): F;
  /** One partition's figures and the figures of its next trade (a higher seq) together. */
  append(share: F, next: F): F;
  /** Two partitions' figures together; `b` is the higher partition. */
  merge(a: F, b: F): F;
}
