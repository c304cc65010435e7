import { COUNTRIES } from './country-figures';
import type { FigureKind } from './figure-kind';
import { groupBy } from './group-by';
import type { PartitionStats, SequencedTrade } from './model';
import { PAIRS } from './pair-figures';

/** A partition before its first trade. */
export const NO_STATS: PartitionStats = Object.freeze({ lastSeq: 0, total: 0, pairs: {}, countries: {} });

/** The trades not counted yet: each one's seq above the last counted, so a repeat counts once. */
function uncounted(trades: readonly SequencedTrade[], lastSeq: number): SequencedTrade[] {
  const fresh: SequencedTrade[] = [];
  for (const sequenced of trades) {
    if (sequenced.seq <= lastSeq) continue;
    fresh.push(sequenced);
    lastSeq = sequenced.seq;
  }
  return fresh;
}

/** One kind's figures with the trades added, name by name: a new object, the old one untouched. */
function foldKind<F>(kind: FigureKind<F>, figures: Record<string, F>, trades: SequencedTrade[]): Record<string, F> {
  const folded = { ...figures };
  for (const [name, named] of groupBy(trades, ({ trade }) => kind.nameOf(trade))) {
    const added = kind.ofTrades(named.map(({ trade }) => trade));
    folded[name] = name in figures ? kind.append(figures[name], added) : added;
  }
  return folded;
}

/**
 * Folds a batch of one partition's trades (ascending seq) into the partition's figures: a trade at
 * or below `lastSeq` was counted already and is skipped, so a redelivery or a replay changes nothing.
 * Returns the figures unchanged when no trade was new.
 */
export function foldPartition(stats: PartitionStats, trades: readonly SequencedTrade[]): PartitionStats {
  const fresh = uncounted(trades, stats.lastSeq);
  if (fresh.length === 0) return stats;
  return {
    lastSeq: fresh[fresh.length - 1].seq,
    total: stats.total + fresh.length,
    pairs: foldKind(PAIRS, stats.pairs, fresh),
    countries: foldKind(COUNTRIES, stats.countries, fresh),
  };
}
