import { type Partitioned, STATS_KEYS, type TotalValue, withoutPartitions } from '@tradeflow/stats';

/** What the view takes from a KV watch: a key, PUT or a removal, and the stored bytes. */
export interface ViewEntry {
  key: string;
  operation: 'PUT' | 'DEL' | 'PURGE';
  value: Uint8Array;
}

export type FigureKind = 'pairs' | 'countries';

/** How an entry changed the view, for the clients. */
export type ViewChange =
  | { kind: 'none' }
  | { kind: 'total' }
  | { kind: FigureKind; name: string }
  /** A figure vanished: an update cannot say so, clients need a fresh snapshot. */
  | { kind: 'removed' };

const NONE: ViewChange = { kind: 'none' };
const decoder = new TextDecoder();
const PAIR_PREFIX = `${STATS_KEYS.pairs}.`;
const COUNTRY_PREFIX = `${STATS_KEYS.countries}.`;

/** `{"EUR-GBP":{…},…}` from names and their figures already serialised. */
export function objectJson(entries: Iterable<[string, string]>): string {
  const members: string[] = [];
  for (const [name, json] of entries) members.push(`${JSON.stringify(name)}:${json}`);
  return `{${members.join(',')}}`;
}

/**
 * The statistics as clients see them: the merged figures of every KV key, without the
 * per-partition shares. Figures are kept serialised, so that a snapshot or an update is string
 * concatenation, however many clients there are. The total only moves up: it is the largest that
 * KV or an update has said, so no client ever sees it go backwards.
 */
export class StatsView {
  private currentTotal: number;
  private currentRefused = 0;
  private readonly figures: Record<FigureKind, Map<string, string>> = {
    pairs: new Map(),
    countries: new Map(),
  };
  /** Each partition's fold checkpoint, from the `total` key. */
  private readonly partitionCheckpoints = new Map<number, number>();
  private changes = 0;

  constructor(floor = 0) {
    this.currentTotal = floor;
  }

  get total(): number {
    return this.currentTotal;
  }

  /** Submissions refused so far: the last sequence of the REJECTED stream. */
  get refused(): number {
    return this.currentRefused;
  }

  /** Counts every change, so that a serialised snapshot can be reused until the next one. */
  get version(): number {
    return this.changes;
  }

  get checkpoints(): ReadonlyMap<number, number> {
    return this.partitionCheckpoints;
  }

  /** Takes a total from KV or an update; a lower one is ignored. Returns whether it moved. */
  raiseTotal(total: number): boolean {
    if (!(total > this.currentTotal)) return false;
    this.currentTotal = total;
    this.changes++;
    return true;
  }

  /** Takes the refused count; like the total, it only moves up. Returns whether it moved. */
  raiseRefused(refused: number): boolean {
    if (!(refused > this.currentRefused)) return false;
    this.currentRefused = refused;
    this.changes++;
    return true;
  }

  /** The figures of one pair or country as JSON, or undefined when there are none. */
  figureJson(kind: FigureKind, name: string): string | undefined {
    return this.figures[kind].get(name);
  }

  /** Every pair or every country as one JSON object. */
  allJson(kind: FigureKind): string {
    return objectJson(this.figures[kind]);
  }

  /** Applies one KV entry. A value that is not JSON is a bug elsewhere and throws. */
  apply(entry: ViewEntry): ViewChange {
    const [kind, name] = this.place(entry.key);
    if (kind === undefined) return NONE;
    if (entry.operation !== 'PUT') {
      // A deleted total is not a total of zero: the view keeps the one it has.
      if (kind === 'total' || !this.figures[kind].delete(name)) return NONE;
      this.changes++;
      return { kind: 'removed' };
    }
    const value: unknown = JSON.parse(decoder.decode(entry.value));
    if (kind === 'total') return this.applyTotal(value as TotalValue);
    this.figures[kind].set(name, JSON.stringify(withoutPartitions(value as Partitioned<object>)));
    this.changes++;
    return { kind, name };
  }

  private applyTotal(value: TotalValue): ViewChange {
    for (const [partition, share] of Object.entries(value.partitions ?? {})) {
      this.partitionCheckpoints.set(Number(partition), share.lastSeq);
    }
    return this.raiseTotal(value.total) ? { kind: 'total' } : NONE;
  }

  private place(key: string): ['total', ''] | [FigureKind, string] | [undefined, ''] {
    if (key === STATS_KEYS.total) return ['total', ''];
    if (key.startsWith(PAIR_PREFIX)) return ['pairs', key.slice(PAIR_PREFIX.length)];
    if (key.startsWith(COUNTRY_PREFIX)) return ['countries', key.slice(COUNTRY_PREFIX.length)];
    return [undefined, ''];
  }
}
