import { type Feed, type FigureKind, summaryMessage, type Trade, transactionsMessage } from '@tradeflow/contract';
import { objectJson, type StatsView } from '../view/stats-view';

/** What a tick sends. */
export interface Tick {
  /** One message per feed, serialised on first use and then shared by every client. */
  messages: Record<Feed, () => Buffer>;
  /** When the newest trade it carries was received (ISO-8601); undefined when it carries none. */
  newestReceivedAt?: string;
}

const newestFirst = (trades: readonly Trade[]) => JSON.stringify(trades.slice().reverse());

const once = (render: () => string): (() => Buffer) => {
  let message: Buffer | undefined;
  return () => (message ??= Buffer.from(render()));
};

/**
 * What happened since the last tick: the trades folded, the figures that changed, the flags
 * raised, and whether the total moved. A tick takes it all as one message per feed, so a client gets at most one update a
 * tick however fast trades arrive.
 */
export class PendingUpdates {
  private items: Trade[] = [];
  /** New flags as stored, oldest first. */
  private flags: string[] = [];
  private readonly changed: Record<FigureKind, Set<string>> = { pairs: new Set(), countries: new Set() };
  /** The newest trades, oldest first; replaced, never changed, so a tick can keep it. */
  private latest: Trade[] = [];
  private sent = { total: -1, refused: -1, quarantined: -1 };

  constructor(private readonly latestSize: number) {}

  /** The newest trades this instance has seen, oldest first; a new array whenever they change. */
  get newest(): readonly Trade[] {
    return this.latest;
  }

  /** The newest trades, newest first, as JSON: what a snapshot carries. */
  newestJson(): string {
    return newestFirst(this.latest);
  }

  addTrades(items: Trade[]): void {
    for (const item of items) this.items.push(item);
    const size = this.latestSize;
    this.latest = items.length >= size ? items.slice(-size) : this.latest.concat(items).slice(-size);
  }

  figureChanged(kind: FigureKind, name: string): void {
    this.changed[kind].add(name);
  }

  addFlag(json: string): void {
    this.flags.push(json);
  }

  /** Every client is being sent a snapshot, which holds every figure and the recent flags. */
  figuresSent(): void {
    this.changed.pairs.clear();
    this.changed.countries.clear();
    this.flags = [];
  }

  /** This tick's messages, or undefined when nothing changed; starts the next tick afresh. */
  take(view: StatsView): Tick | undefined {
    const current = { total: view.total, refused: view.refused, quarantined: view.quarantined };
    const { items, latest, changed, flags } = this;
    const countsMoved =
      current.total !== this.sent.total ||
      current.refused !== this.sent.refused ||
      current.quarantined !== this.sent.quarantined;
    const quiet = !items.length && !changed.pairs.size && !changed.countries.size && !flags.length;
    if (quiet && !countsMoved) return undefined;
    const json = {
      pairs: this.changedJson(view, 'pairs'),
      countries: this.changedJson(view, 'countries'),
      flags: `[${flags.reverse().join(',')}]`,
    };
    this.items = [];
    this.flags = [];
    this.sent = current;
    return {
      messages: {
        full: once(() => transactionsMessage(current, JSON.stringify(items), json)),
        summary: once(() => summaryMessage(current, items.length, newestFirst(latest), json)),
      },
      newestReceivedAt: items.at(-1)?.receivedAt,
    };
  }

  private changedJson(view: StatsView, kind: FigureKind): string {
    const names = this.changed[kind];
    const entries: [string, string][] = [];
    for (const name of names) {
      const json = view.figureJson(kind, name);
      if (json !== undefined) entries.push([name, json]);
    }
    names.clear();
    return objectJson(entries);
  }
}
