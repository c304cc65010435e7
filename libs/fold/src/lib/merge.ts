import { COUNTRIES } from './country-figures';
import type { FigureKind } from './figure-kind';
import type { CountryFigures, MergedStats, PairFigures, PartitionStats } from './model';
import { PAIRS } from './pair-figures';

export type FigureKindName = 'pairs' | 'countries';

const KINDS = { pairs: PAIRS, countries: COUNTRIES } as const;

type FiguresOf<K extends FigureKindName> = K extends 'pairs' ? PairFigures : CountryFigures;

/**
 * One pair's or country's figures over all partitions, given in ascending partition order so that
 * the result is always the same; undefined when no partition has any.
 */
export function mergeFigure<K extends FigureKindName>(
  kindName: K,
  partitions: readonly PartitionStats[],
  name: string,
): FiguresOf<K> | undefined {
  const kind = KINDS[kindName] as unknown as FigureKind<FiguresOf<K>>;
  let merged: FiguresOf<K> | undefined;
  for (const stats of partitions) {
    const figures = stats[kindName][name] as FiguresOf<K> | undefined;
    if (figures) merged = merged ? kind.merge(merged, figures) : figures;
  }
  return merged;
}

/** Every figure over all partitions, given in ascending partition order. */
export function mergePartitions(partitions: readonly PartitionStats[]): MergedStats {
  const namesOf = (kind: FigureKindName) => [...new Set(partitions.flatMap((stats) => Object.keys(stats[kind])))].sort();
  const mergeAll = <K extends FigureKindName>(kind: K) =>
    Object.fromEntries(namesOf(kind).map((name) => [name, mergeFigure(kind, partitions, name) as FiguresOf<K>]));
  return {
    total: partitions.reduce((sum, stats) => sum + stats.total, 0),
    pairs: mergeAll('pairs'),
    countries: mergeAll('countries'),
  };
}
