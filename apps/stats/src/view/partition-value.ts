import { type FigureKind, isCount, isRecord } from '@tradeflow/contract';
import type { PartitionStats } from '@tradeflow/fold';

/** Each pair's and each country's figures as JSON, by name. */
export type FiguresJson = Record<FigureKind, Map<string, string>>;

export const NO_FIGURES: FiguresJson = { pairs: new Map(), countries: new Map() };

const decoder = new TextDecoder();

/**
 * A partition's KV value; throws on one that is not JSON or not a partition's figures, a bug
 * elsewhere. A value written before messages were set aside has no `quarantined`: none were.
 */
export function readPartitionStats(bytes: Uint8Array): PartitionStats {
  const value: unknown = JSON.parse(decoder.decode(bytes));
  const valid =
    isRecord(value) &&
    isCount(value.lastSeq) &&
    isCount(value.total) &&
    (value.quarantined === undefined || isCount(value.quarantined)) &&
    isRecord(value.pairs) &&
    isRecord(value.countries);
  if (!valid) throw new Error('not the figures of a partition');
  value.quarantined ??= 0;
  return value as unknown as PartitionStats;
}

/** A partition's figures name by name as JSON: two values of a partition compare figure by figure. */
export function figuresJsonOf(stats: PartitionStats): FiguresJson {
  const jsonOf = (figures: Record<string, unknown>) =>
    new Map(Object.entries(figures).map(([name, named]) => [name, JSON.stringify(named)]));
  return { pairs: jsonOf(stats.pairs), countries: jsonOf(stats.countries) };
}

/** The names whose figures differ between two values of a partition, or that only one of them has. */
export function changedNames(previous: Map<string, string>, next: Map<string, string>): string[] {
  const changed: string[] = [];
  for (const [name, json] of next) if (previous.get(name) !== json) changed.push(name);
  for (const name of previous.keys()) if (!next.has(name)) changed.push(name);
  return changed;
}
