import {
  type CountryFigures,
  type FoldHealth,
  HEALTH_OK,
  type PairFigures,
  type ServerMessage,
  type SnapshotMessage,
  type Trade,
} from '@tradeflow/contract';
import { FlagList } from './flag-list';
import { Ring } from './ring';

/** What changed since the renderer last looked: several messages may fold into one frame. */
export interface Changes {
  total: boolean;
  refused: boolean;
  quarantined: boolean;
  /** The fold's health: a partition got stuck, or moved again. */
  health: boolean;
  /** Any pair's figures. */
  pairs: boolean;
  /** Countries whose figures changed, or every one (a snapshot). */
  countries: Set<string> | 'all';
  trades: boolean;
  /** The flags: new ones, or a snapshot's. */
  flags: boolean;
  /** A snapshot replaced the state. */
  snapshot: boolean;
}

const noChanges = (): Changes => ({
  total: false,
  refused: false,
  quarantined: false,
  health: false,
  pairs: false,
  countries: new Set(),
  trades: false,
  flags: false,
  snapshot: false,
});

/**
 * The page's state, folded from /ws messages. A snapshot replaces the figures and adds the newest
 * trades; a summary (or the full feed's transactions message) replaces the figures it carries and
 * adds its trades. The total, the refused and the quarantined counts only ever go up, so a resync or a reconnect
 * cannot make them double or go back. The fold's health (a partition stuck) comes in every snapshot
 * and in `health` messages. A snapshot's flags replace those held; an update's new ones are added,
 * each once. Everything is bounded: figures by the number of pairs and countries, trades, flags and
 * remembered ids by ring buffers.
 */
export class DashboardState {
  total = 0;
  /** Refused submissions; undefined while the server does not say. */
  refused: number | undefined = undefined;
  /** Stored messages set aside by the fold (no valid trade); undefined while the server does not say. */
  quarantined: number | undefined = undefined;
  /** Whether the figures keep up, as the last snapshot or health message said. */
  health: FoldHealth = HEALTH_OK;
  /** Whether a snapshot has arrived: until then the figures mean nothing. */
  loaded = false;
  readonly pairs = new Map<string, PairFigures>();
  readonly countries = new Map<string, CountryFigures>();
  /** The newest trades. */
  readonly trades: Ring<Trade>;
  /** The newest flags, and the trades they flag. */
  readonly flags: FlagList;
  /** Ids of trades already listed: a summary repeats its latest trades when no new ones came. */
  private readonly seenIds = new Set<string>();
  private readonly seenOrder: Ring<string>;
  private changes = noChanges();

  /** `flagCapacity`: more than are listed, so a flagged trade in the list stays marked. */
  constructor(
    readonly tradeCapacity = 25,
    flagCapacity = tradeCapacity * 4,
  ) {
    this.trades = new Ring<Trade>(tradeCapacity);
    this.flags = new FlagList(flagCapacity);
    this.seenOrder = new Ring<string>(tradeCapacity * 4);
  }

  apply(message: ServerMessage): void {
    if (message.event === 'health') return this.setHealth(message.data);
    const { data } = message;
    if (message.event === 'snapshot') this.startOver(message.data);
    else if (this.flags.add(data.flags)) this.changes.flags = true;
    this.raiseTotal(data.total);
    if (data.refused !== undefined) this.raiseRefused(data.refused);
    if (data.quarantined !== undefined) this.raiseQuarantined(data.quarantined);
    for (const [name, figures] of Object.entries(data.pairs)) {
      this.pairs.set(name, figures);
      this.changes.pairs = true;
    }
    for (const [name, figures] of Object.entries(data.countries)) {
      this.countries.set(name, figures);
      if (this.changes.countries !== 'all') this.changes.countries.add(name);
    }
    if (message.event === 'transactions') this.addNewestFirst(message.data.items.slice(-this.tradeCapacity).reverse());
    else this.addNewestFirst(message.data.latest);
  }

  /** The changes since the last call, and a fresh start for the next. */
  takeChanges(): Changes {
    const changes = this.changes;
    this.changes = noChanges();
    return changes;
  }

  /** The trades, newest first. */
  latestTrades(): Trade[] {
    const out: Trade[] = [];
    for (let i = 0; i < this.trades.size; i++) out.push(this.trades.newest(i) as Trade);
    return out;
  }

  /** A snapshot: what it does not carry is gone, what it carries replaces what was held. */
  private startOver(data: SnapshotMessage['data']): void {
    this.flags.replace(data.flags);
    this.changes.flags = true;
    // A server that does not tell its health says nothing: the page then assumes it keeps up.
    this.setHealth(data.health ?? HEALTH_OK);
    this.pairs.clear();
    this.countries.clear();
    this.changes.countries = 'all';
    this.changes.pairs = true;
    this.changes.snapshot = true;
    this.loaded = true;
    // A server that does not count refusals says nothing: the page then shows none.
    if (data.refused === undefined && this.refused !== undefined) {
      this.refused = undefined;
      this.changes.refused = true;
    }
    if (data.quarantined === undefined && this.quarantined !== undefined) {
      this.quarantined = undefined;
      this.changes.quarantined = true;
    }
  }

  private raiseTotal(total: number): void {
    if (total > this.total) {
      this.total = total;
      this.changes.total = true;
    }
  }

  private raiseRefused(refused: number): void {
    if (this.refused === undefined || refused > this.refused) {
      this.refused = refused;
      this.changes.refused = true;
    }
  }

  private raiseQuarantined(quarantined: number): void {
    if (this.quarantined === undefined || quarantined > this.quarantined) {
      this.quarantined = quarantined;
      this.changes.quarantined = true;
    }
  }

  private setHealth(health: FoldHealth): void {
    if (JSON.stringify(health) === JSON.stringify(this.health)) return;
    this.health = health;
    this.changes.health = true;
  }

  /** Trades given newest first; only as many as are shown are kept, each id once. */
  private addNewestFirst(trades: Trade[]): void {
    const fresh: Trade[] = [];
    for (const trade of trades.slice(0, this.tradeCapacity)) {
      if (!trade || typeof trade.id !== 'string' || this.seenIds.has(trade.id)) continue;
      fresh.push(trade);
    }
    for (let i = fresh.length - 1; i >= 0; i--) {
      const trade = fresh[i];
      this.trades.push(trade);
      this.seenIds.add(trade.id);
      const forgotten = this.seenOrder.push(trade.id);
      if (forgotten !== undefined) this.seenIds.delete(forgotten);
    }
    if (fresh.length) this.changes.trades = true;
  }
}

/** The pair with the most trades (ties: the first name in alphabetical order), or undefined. */
export function busiestPair(pairs: ReadonlyMap<string, PairFigures>): string | undefined {
  let best: string | undefined;
  let bestCount = -1;
  for (const [name, figures] of pairs) {
    if (figures.count > bestCount || (figures.count === bestCount && best !== undefined && name < best)) {
      best = name;
      bestCount = figures.count;
    }
  }
  return best;
}

/** The top `limit` pairs by trade count, busiest first (ties by name). */
export function topPairs(pairs: ReadonlyMap<string, PairFigures>, limit: number): PairFigures[] {
  const entries = [...pairs.entries()];
  entries.sort(([a, x], [b, y]) => y.count - x.count || (a < b ? -1 : a > b ? 1 : 0));
  return entries.slice(0, limit).map(([, figures]) => figures);
}
