import type { Flag } from '@tradeflow/contract';
import { COUNTRIES } from './country-figures';
import { detect, NO_DETECTORS } from './detectors/detectors';
import { DEFAULT_DETECTOR_SETTINGS, type DetectorSettings } from './detectors/settings';
import type { FigureBuilder } from './figure-builder';
import { groupBy } from './group-by';
import type { PartitionStats, SequencedMessage, SequencedTrade } from './model';
import { PAIRS } from './pair-figures';

/** A partition before its first message. */
export const NO_STATS: PartitionStats = Object.freeze({
  lastSeq: 0,
  total: 0,
  quarantined: 0,
  pairs: {},
  countries: {},
  detectors: NO_DETECTORS,
});

/** A batch folded: the partition's new value, and the flags its trades raised, in stream order. */
export interface FoldedBatch {
  stats: PartitionStats;
  flags: Flag[];
}

const isTrade = (message: SequencedMessage): message is SequencedTrade => 'trade' in message;

/** The messages not counted yet: each one's seq above the last counted, so a repeat counts once. */
function uncounted(messages: readonly SequencedMessage[], lastSeq: number): SequencedMessage[] {
  const fresh: SequencedMessage[] = [];
  for (const sequenced of messages) {
    if (sequenced.seq <= lastSeq) continue;
    fresh.push(sequenced);
    lastSeq = sequenced.seq;
  }
  return fresh;
}

/** One kind's figures with the trades added, name by name: a new object, the old one untouched. */
function foldKind<F>(
  builder: FigureBuilder<F>,
  figures: Record<string, F>,
  trades: SequencedTrade[],
): Record<string, F> {
  const folded = { ...figures };
  for (const [name, named] of groupBy(trades, ({ trade }) => builder.nameOf(trade))) {
    const added = builder.ofTrades(named.map(({ trade }) => trade));
    folded[name] = name in figures ? builder.append(figures[name], added) : added;
  }
  return folded;
}

/**
 * Folds a batch of one partition's messages (ascending seq) into the partition's value: a trade is
 * counted in `total` and the figures and goes through the detectors, a message set aside is
 * counted in `quarantined`, and `lastSeq` moves past both. A message at or below `lastSeq` was
 * counted already and is skipped, so a redelivery or a replay changes nothing and flags nothing.
 * Returns the value unchanged, and no flag, when no message was new.
 */
export function foldBatch(
  stats: PartitionStats,
  messages: readonly SequencedMessage[],
  settings: DetectorSettings = DEFAULT_DETECTOR_SETTINGS,
): FoldedBatch {
  const fresh = uncounted(messages, stats.lastSeq);
  if (fresh.length === 0) return { stats, flags: [] };
  const trades = fresh.filter(isTrade);
  // A value written before the detectors existed has no state of theirs: they start from none.
  const { detectors, flags } = detect(stats.detectors ?? NO_DETECTORS, trades, settings);
  return {
    stats: {
      lastSeq: fresh[fresh.length - 1].seq,
      total: stats.total + trades.length,
      // A value written before messages were set aside has no count of them: none were.
      quarantined: (stats.quarantined ?? 0) + fresh.length - trades.length,
      pairs: foldKind(PAIRS, stats.pairs, trades),
      countries: foldKind(COUNTRIES, stats.countries, trades),
      detectors,
    },
    flags,
  };
}

/** The partition's new value alone, for what needs no flags. */
export const foldPartition = (
  stats: PartitionStats,
  messages: readonly SequencedMessage[],
  settings?: DetectorSettings,
): PartitionStats => foldBatch(stats, messages, settings).stats;
