import type { FigureKind } from '@tradeflow/contract';
import { mergeFigure, type PartitionStats, partitionOfKey } from '@tradeflow/fold';
import { changedNames, type FiguresJson, figuresJsonOf, NO_FIGURES, readPartitionStats } from './partition-value';

/** What the view takes from a KV watch: a key, PUT or a removal, and the stored bytes. */
export interface ViewEntry {
  key: string;
  operation: 'PUT' | 'DEL' | 'PURGE';
  value: Uint8Array;
}

/** How an entry changed the view, for the clients. */
export type ViewChange =
  | { kind: 'total' }
  | { kind: FigureKind; name: string }
  /** Figures were taken away: an update cannot say so, clients need a fresh snapshot. */
  | { kind: 'removed' };

const FIGURE_KINDS: readonly FigureKind[] = ['pairs', 'countries'];
const TOTAL: ViewChange = { kind: 'total' };
const REMOVED: ViewChange = { kind: 'removed' };

/** One partition as KV last had it. */
interface HeldPartition {
  stats: PartitionStats;
  /** Its figures name by name as JSON, to tell which of them the partition's next value changes. */
  json: FiguresJson;
}

/** `{"EUR-GBP":{…},…}` from names and their figures already serialised. */
export function objectJson(entries: Iterable<[string, string]>): string {
  const members: string[] = [];
  for (const [name, json] of entries) members.push(`${JSON.stringify(name)}:${json}`);
  return `{${members.join(',')}}`;
}

/**
 * The statistics as clients see them. KV holds one value per partition, `partitions.<n>`, with
 * every figure of that partition's trades; the view keeps each partition's latest value and the
 * figures merged over all of them, serialised, so that a snapshot or an update is string
 * concatenation, however many clients there are.
 *
 * A partition's value comes with every write of it, and most of its figures are those of its
 * previous value: only the pairs and countries whose figures changed are merged again, and only
 * when they are read. A busy pair changes in every partition's write, and the partitions are
 * written one after another: merged when a tick reads it, it is merged once a tick rather than
 * once for each of those writes (a merge costs a pass over every partition's buckets).
 *
 * The total is the sum of the partitions' totals, each the largest that KV or an update has said
 * of it, and never below the floor a reload carries over from the previous view: no client ever
 * sees it go backwards.
 */
export class StatsView {
  private readonly partitions = new Map<number, HeldPartition>();
  /** The partitions' values in ascending partition order, as mergeFigure takes them; reset when one changes. */
  private ascending?: PartitionStats[];
  /** Merged figures as JSON, as last read. */
  private readonly merged: FiguresJson = { pairs: new Map(), countries: new Map() };
  /** The names whose merged figures are to be merged again when next read. */
  private readonly stale: Record<FigureKind, Set<string>> = { pairs: new Set(), countries: new Set() };
  private readonly partitionTotals = new Map<number, number>();
  /** The sum of partitionTotals. */
  private countedTotal = 0;
  private floor = 0;
  private currentRefused = 0;
  /** Each partition's messages set aside, the largest KV has said of it; as the totals, never back. */
  private readonly partitionQuarantined = new Map<number, number>();
  private quarantinedSum = 0;
  private quarantinedFloor = 0;
  private changes = 0;

  get total(): number {
    return Math.max(this.countedTotal, this.floor);
  }

  /** Submissions refused so far: the last sequence of the REJECTED stream. */
  get refused(): number {
    return this.currentRefused;
  }

  /** Stored messages the fold set aside (no foldable trade), over all partitions. */
  get quarantined(): number {
    return Math.max(this.quarantinedSum, this.quarantinedFloor);
  }

  /** Counts every change, so that a serialised snapshot can be reused until the next one. */
  get version(): number {
    return this.changes;
  }

  /** Each partition's fold checkpoint: the last sequence its value in KV counts. */
  get checkpoints(): ReadonlyMap<number, number> {
    return new Map([...this.partitions].map(([partition, { stats }]) => [partition, stats.lastSeq]));
  }

  /** The total never goes below this one: the previous view's, when the view is reloaded. */
  raiseFloor(total: number): void {
    const before = this.total;
    this.floor = Math.max(this.floor, total);
    this.totalMovedFrom(before);
  }

  /** Takes a partition's total from KV or an update; a lower one is ignored. Returns whether the total moved. */
  raisePartitionTotal(partition: number, total: number): boolean {
    const previous = this.partitionTotals.get(partition) ?? 0;
    if (!(total > previous)) return false;
    const before = this.total;
    this.partitionTotals.set(partition, total);
    this.countedTotal += total - previous;
    return this.totalMovedFrom(before);
  }

  /** The quarantined count never goes below this one: the previous view's, when the view is reloaded. */
  raiseQuarantinedFloor(quarantined: number): void {
    const before = this.quarantined;
    this.quarantinedFloor = Math.max(this.quarantinedFloor, quarantined);
    if (this.quarantined !== before) this.changes++;
  }

  /** Takes the refused count; like the total, it only moves up. Returns whether it moved. */
  raiseRefused(refused: number): boolean {
    if (!(refused > this.currentRefused)) return false;
    this.currentRefused = refused;
    this.changes++;
    return true;
  }

  /** The merged figures of one pair or country as JSON, or undefined when there are none. */
  figureJson(kind: FigureKind, name: string): string | undefined {
    if (this.stale[kind].delete(name)) this.mergeAgain(kind, name);
    return this.merged[kind].get(name);
  }

  /** Every pair or every country as one JSON object. */
  allJson(kind: FigureKind): string {
    for (const name of this.stale[kind]) this.mergeAgain(kind, name);
    this.stale[kind].clear();
    return objectJson(this.merged[kind]);
  }

  /**
   * Applies one KV entry and says what clients must be told; nothing for a key that is no
   * partition's. A value that is not a partition's figures is a bug elsewhere: it throws, and
   * changes nothing.
   */
  apply(entry: ViewEntry): ViewChange[] {
    const partition = partitionOfKey(entry.key);
    if (partition === undefined) return [];
    if (entry.operation !== 'PUT') return this.removePartition(partition);
    return this.putPartition(partition, readPartitionStats(entry.value));
  }

  private putPartition(partition: number, stats: PartitionStats): ViewChange[] {
    const json = figuresJsonOf(stats);
    const previous = this.partitions.get(partition)?.json ?? NO_FIGURES;
    this.partitions.set(partition, { stats, json });
    this.ascending = undefined;
    const changes = this.markChanged({
      pairs: changedNames(previous.pairs, json.pairs),
      countries: changedNames(previous.countries, json.countries),
    });
    const totalMoved = this.raisePartitionTotal(partition, stats.total);
    if (this.raisePartitionQuarantined(partition, stats.quarantined) || totalMoved) changes.push(TOTAL);
    return changes;
  }

  /** Takes a partition's quarantined count from KV; a lower one is ignored. Returns whether the sum moved. */
  private raisePartitionQuarantined(partition: number, quarantined: number): boolean {
    const previous = this.partitionQuarantined.get(partition) ?? 0;
    if (!(quarantined > previous)) return false;
    const before = this.quarantined;
    this.partitionQuarantined.set(partition, quarantined);
    this.quarantinedSum += quarantined - previous;
    if (this.quarantined === before) return false;
    this.changes++;
    return true;
  }

  /**
   * A deleted or purged partition takes its figures away, so clients need a snapshot. Its total
   * stays: a deleted value is not a count of zero, and the total never goes back.
   */
  private removePartition(partition: number): ViewChange[] {
    const held = this.partitions.get(partition);
    if (!held) return [];
    this.partitions.delete(partition);
    this.ascending = undefined;
    this.markChanged({ pairs: [...held.json.pairs.keys()], countries: [...held.json.countries.keys()] });
    return [REMOVED];
  }

  /**
   * Marks the named figures to be merged again. Each is a change to send, unless no partition has
   * it any more: clients that were sent it then need a snapshot, which carries every figure.
   */
  private markChanged(names: Record<FigureKind, string[]>): ViewChange[] {
    const changes: ViewChange[] = [];
    let removed = false;
    for (const kind of FIGURE_KINDS) {
      for (const name of names[kind]) {
        if (this.anyPartitionHas(kind, name)) {
          this.stale[kind].add(name);
          changes.push({ kind, name });
        } else {
          this.stale[kind].delete(name);
          removed = this.merged[kind].delete(name) || removed;
        }
      }
    }
    if (changes.length > 0 || removed) this.changes++;
    return removed ? [REMOVED] : changes;
  }

  private anyPartitionHas(kind: FigureKind, name: string): boolean {
    for (const { stats } of this.partitions.values()) if (Object.hasOwn(stats[kind], name)) return true;
    return false;
  }

  private mergeAgain(kind: FigureKind, name: string): void {
    this.ascending ??= [...this.partitions.keys()]
      .sort((a, b) => a - b)
      .map((partition) => (this.partitions.get(partition) as HeldPartition).stats);
    const figures = mergeFigure(kind, this.ascending, name);
    if (figures) this.merged[kind].set(name, JSON.stringify(figures));
    else this.merged[kind].delete(name);
  }

  /** Whether the total moved from `before`; a move is a change of the view. */
  private totalMovedFrom(before: number): boolean {
    if (this.total === before) return false;
    this.changes++;
    return true;
  }
}
