import {
  type CountryFigures,
  type FigureKind,
  type MergedStats,
  type PairFigures,
  pairDirection,
} from '@tradeflow/contract';
import { COUNTRIES } from './country-figures';
import type { FigureBuilder } from './figure-builder';
import type { PartitionStats } from './model';
import { PAIRS } from './pair-figures';

const BUILDERS = { pairs: PAIRS, countries: COUNTRIES } as const;

type FiguresOf<K extends FigureKind> = K extends 'pairs' ? PairFigures : CountryFigures;

/** A pair's merged figures with where it is going, from the merged minutes: no partition has it alone. */
function withDirection(pair: PairFigures): PairFigures {
  const direction = pairDirection(pair.minutes);
  return direction ? { ...pair, direction } : pair;
}

/**
 * One pair's or country's figures over all partitions, given in ascending partition order so that
 * the result is always the same; undefined when no partition has any.
 */
export function mergeFigure<K extends FigureKind>(
  kind: K,
  partitions: readonly PartitionStats[],
  name: string,
): FiguresOf<K> | undefined {
  const builder = BUILDERS[kind] as unknown as FigureBuilder<FiguresOf<K>>;
  let merged: FiguresOf<K> | undefined;
  for (const stats of partitions) {
    const figures = stats[kind][name] as FiguresOf<K> | undefined;
    if (figures) merged = merged ? builder.merge(merged, figures) : figures;
  }
  return kind === 'pairs' && merged ? (withDirection(merged as PairFigures) as FiguresOf<K>) : merged;
}

/** Every figure over all partitions, given in ascending partition order. */
export function mergePartitions(partitions: readonly PartitionStats[]): MergedStats {
  const namesOf = (kind: FigureKind) => [...new Set(partitions.flatMap((stats) => Object.keys(stats[kind])))].sort();
  const mergeAll = <K extends FigureKind>(kind: K) =>
    Object.fromEntries(namesOf(kind).map((name) => [name, mergeFigure(kind, partitions, name) as FiguresOf<K>]));
  return {
    total: partitions.reduce((sum, stats) => sum + stats.total, 0),
    pairs: mergeAll('pairs'),
    countries: mergeAll('countries'),
  };
}
