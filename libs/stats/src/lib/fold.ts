import { COUNTRIES } from './country-figures';
import type { FigureKind } from './figure-kind';
import { groupBy } from './group-by';
import { STATS_KEYS } from './keys';
import type { CountryValue, PairValue, Partitioned, SequencedTrade, TotalValue } from './model';
import { PAIRS } from './pair-figures';
import { foldShare } from './partitioned';
import { TOTAL } from './total-figures';

/** The value of any key of the KV bucket `stats`. */
export type StatsValue = PairValue | CountryValue | TotalValue;

/** A stored value by key, or undefined when the key does not exist. */
export type StatsLookup = (key: string) => unknown | undefined;

/** The new values of one kind's keys that counted a trade of the batch. */
function foldKind<F>(
  kind: FigureKind<F>,
  current: StatsLookup,
  partition: number,
  trades: SequencedTrade[],
): [string, Partitioned<F>][] {
  const folded: [string, Partitioned<F>][] = [];
  for (const [key, keyTrades] of groupBy(trades, ({ trade }) => kind.keyOf(trade))) {
    const value = foldShare(kind, current(key) as Partitioned<F> | undefined, partition, keyTrades);
    if (value) folded.push([key, value]);
  }
  return folded;
}

/**
 * Folds a batch of one partition's trades (ascending seq) into the current values: the new value of
 * every pair and country that counted a trade of the batch, and always `total`, whose share of the
 * partition is the fold checkpoint (unchanged when the whole batch was counted before; absent only
 * when the batch is empty and no total is stored).
 */
export function foldBatch(current: StatsLookup, partition: number, trades: SequencedTrade[]): Map<string, StatsValue> {
  const folded = new Map<string, StatsValue>([
    ...foldKind(PAIRS, current, partition, trades),
    ...foldKind(COUNTRIES, current, partition, trades),
    ...foldKind(TOTAL, current, partition, trades),
  ]);
  const total = folded.get(STATS_KEYS.total) ?? (current(STATS_KEYS.total) as TotalValue | undefined);
  if (total) folded.set(STATS_KEYS.total, total);
  return folded;
}
