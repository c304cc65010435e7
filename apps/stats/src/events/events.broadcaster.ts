import { type BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { type Feed, type FigureKind, healthMessage, snapshotMessage, type Trade } from '@tradeflow/contract';
import type { StatsEnvironment } from '../app/stats.environment';
import { type FeedCounts, noFeedCounts, StatsMetrics } from '../metrics/stats.metrics';
import { FlagsService, type FlagsListener } from '../view/flags.service';
import { FoldStatusService, type FoldStatusListener } from '../view/fold-status.service';
import type { StatsView } from '../view/stats-view';
import { StatsViewService, type StatsViewListener } from '../view/stats-view.service';
import { type ClientSocket, GOING_AWAY, OPEN } from './client-socket';
import { PendingUpdates, type Tick } from './pending-updates';

interface Client {
  feed: Feed;
  /** Owes a snapshot: just connected, the view was reset, or it was skipped. */
  needsSnapshot: boolean;
  /** Skipped for its backlog: it gets nothing until it has drained all of it. */
  stalled: boolean;
  /** Has had a snapshot: another one is a resync. */
  synced: boolean;
}

export interface ClientState {
  feed: Feed;
  stalled: boolean;
  bufferedAmount: number;
}

/** How long shutdown waits for clients to answer the close. */
const CLOSE_GRACE_MS = 1000;
const TEXT = { binary: false };

/**
 * Sends the view to the connected clients: a snapshot first, then one coalesced message per tick
 * and feed, serialised once and written to every client as the same bytes. Ticks are at least
 * WS_TICK_MS apart and come when there is news: folded trades as soon as that allows, so a tick
 * follows process's write rather than a beat of its own; other changes within a tick. A client
 * whose unsent backlog passes WS_MAX_BUFFERED_BYTES is skipped, so it holds at most that plus one
 * message of memory, and is sent a fresh snapshot once it has drained. The fold's health (a
 * partition stuck) goes in every snapshot, and to every client as a `health` message when it changes.
 * The fold's recent flags go in every snapshot, and a new one in the next tick, as soon as that allows.
 */
@Injectable()
export class EventsBroadcaster
  implements StatsViewListener, FoldStatusListener, FlagsListener, BeforeApplicationShutdown
{
  private readonly logger = new Logger(EventsBroadcaster.name);
  private readonly clients = new Map<ClientSocket, Client>();
  private readonly pending: PendingUpdates;
  private readonly tickMs: number;
  private readonly maxBuffered: number;
  private timer?: NodeJS.Timeout;
  private tickDueAt = Infinity;
  private lastTickAt = -Infinity;
  private snapshot?: {
    view: StatsView;
    version: number;
    newest: readonly Trade[];
    health: number;
    flags: number;
    message: Buffer;
  };
  private closing = false;

  constructor(
    private readonly stats: StatsViewService,
    config: ConfigService<StatsEnvironment, true>,
    private readonly foldStatus: FoldStatusService,
    private readonly metrics: StatsMetrics,
    private readonly flags: FlagsService,
  ) {
    this.tickMs = config.get('WS_TICK_MS', { infer: true });
    this.maxBuffered = config.get('WS_MAX_BUFFERED_BYTES', { infer: true });
    this.pending = new PendingUpdates(config.get('WS_LATEST_TRADES', { infer: true }));
    stats.listen(this);
    foldStatus.listen(this);
    flags.listen(this);
    metrics.followClients(() => this.clientsByFeed());
  }

  /** Stops the ticks and closes every socket as going away, before the server drops them. */
  async beforeApplicationShutdown(): Promise<void> {
    this.closing = true;
    clearTimeout(this.timer);
    const sockets = [...this.clients.keys()];
    const closed = sockets.map((socket) => new Promise((resolve) => socket.once('close', () => resolve(undefined))));
    for (const socket of sockets) socket.close(GOING_AWAY, 'server shutting down');
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([Promise.all(closed), new Promise((resolve) => (timer = setTimeout(resolve, CLOSE_GRACE_MS)))]);
    clearTimeout(timer);
  }

  /**
   * A new client: its snapshot now, when the view is loaded, and from then on it is one of the
   * clients of the next tick, so no trade falls between the two.
   */
  add(socket: ClientSocket): void {
    if (this.closing) return socket.close(GOING_AWAY, 'server shutting down');
    const client: Client = { feed: 'full', needsSnapshot: true, stalled: false, synced: false };
    this.clients.set(socket, client);
    if (!this.sendSnapshot(socket, client)) this.tickWithin(this.tickMs);
  }

  remove(socket: ClientSocket): void {
    this.clients.delete(socket);
  }

  setFeed(socket: ClientSocket, feed: Feed): void {
    const client = this.clients.get(socket);
    if (client) client.feed = feed;
  }

  clientStates(): ClientState[] {
    return [...this.clients].map(([socket, { feed, stalled }]) => ({
      feed,
      stalled,
      bufferedAmount: socket.bufferedAmount,
    }));
  }

  private clientsByFeed(): FeedCounts {
    const counts = noFeedCounts();
    for (const { feed } of this.clients.values()) counts[feed]++;
    return counts;
  }

  tradesFolded(items: Trade[]): void {
    this.pending.addTrades(items);
    this.tickWithin(0);
  }

  /** Comes from KV just before the trades that changed it, which the tick waits for. */
  figuresChanged(kind: FigureKind, name: string): void {
    this.pending.figureChanged(kind, name);
    this.tickWithin(this.tickMs);
  }

  countsChanged(): void {
    this.tickWithin(this.tickMs);
  }

  flagRaised(json: string): void {
    this.pending.addFlag(json);
    this.tickWithin(0);
  }

  /**
   * A partition got stuck, or moved again: every client hears it at once, but one owed a snapshot
   * (which carries the health) or skipped for its backlog, which gets one when it has drained.
   */
  healthChanged(): void {
    const message = Buffer.from(healthMessage(this.foldStatus.healthJson));
    const sentTo = noFeedCounts();
    let skipped = 0;
    for (const [socket, client] of this.clients) {
      if (client.needsSnapshot || socket.readyState !== OPEN) continue;
      if (socket.bufferedAmount > this.maxBuffered) {
        this.stall(client, socket);
        skipped++;
        this.tickWithin(this.tickMs);
        continue;
      }
      socket.send(message, TEXT);
      sentTo[client.feed]++;
    }
    this.metrics.sent(sentTo, () => message.length);
    this.metrics.slowClientsSkippedBy(skipped);
  }

  viewReset(): void {
    this.pending.figuresSent();
    let waiting = false;
    for (const [socket, client] of this.clients) {
      client.needsSnapshot = true;
      waiting = !this.sendSnapshot(socket, client) || waiting;
    }
    if (waiting) this.tickWithin(this.tickMs);
  }

  /** Makes sure a tick comes within `ms` from now, or as soon after as WS_TICK_MS allows. */
  private tickWithin(ms: number): void {
    if (this.closing) return;
    const dueAt = Math.max(performance.now() + ms, this.lastTickAt + this.tickMs);
    if (dueAt >= this.tickDueAt) return;
    clearTimeout(this.timer);
    this.tickDueAt = dueAt;
    this.timer = setTimeout(() => this.tick(), dueAt - performance.now());
  }

  private tick(): void {
    this.tickDueAt = Infinity;
    this.lastTickAt = performance.now();
    const tick = this.pending.take(this.stats.view);
    const sentTo = noFeedCounts();
    let skipped = 0;
    let waiting = false;
    for (const [socket, client] of this.clients) {
      if (client.needsSnapshot && !this.sendSnapshot(socket, client)) {
        waiting = true;
        if (tick && client.stalled) skipped++;
        continue;
      }
      if (!tick || socket.readyState !== OPEN) continue;
      if (socket.bufferedAmount > this.maxBuffered) {
        this.stall(client, socket);
        skipped++;
        waiting = true;
        continue;
      }
      socket.send(tick.messages[client.feed](), TEXT);
      sentTo[client.feed]++;
    }
    // A client owed a snapshot (the view not loaded, or a backlog to drain) is tried every tick.
    if (waiting) this.tickWithin(this.tickMs);
    if (tick) this.recordTick(tick, sentTo, skipped);
  }

  /** Counts a tick's update once per feed, by the clients it went to, not once per client. */
  private recordTick({ messages, newestReceivedAt }: Tick, sentTo: FeedCounts, skipped: number): void {
    this.metrics.sent(sentTo, (feed) => messages[feed]().length);
    this.metrics.slowClientsSkippedBy(skipped);
    if (newestReceivedAt !== undefined && sentTo.full + sentTo.summary > 0) this.metrics.updateSent(newestReceivedAt);
  }

  /** Sends the current snapshot if the view is loaded and the client can take it. */
  private sendSnapshot(socket: ClientSocket, client: Client): boolean {
    if (!this.stats.ready || socket.readyState !== OPEN) return false;
    // A stalled client waits until it has drained everything; any other, until it is over the limit.
    if (socket.bufferedAmount > (client.stalled ? 0 : this.maxBuffered)) {
      this.stall(client, socket);
      return false;
    }
    const message = this.snapshotMessage();
    socket.send(message, TEXT);
    this.metrics.snapshotSent(client.feed, message.length, client.synced);
    client.needsSnapshot = client.stalled = false;
    client.synced = true;
    return true;
  }

  private stall(client: Client, socket: ClientSocket): void {
    if (!client.stalled) {
      this.logger.debug(`a client is ${socket.bufferedAmount} bytes behind: skipped until it has drained`);
    }
    client.stalled = client.needsSnapshot = true;
  }

  /** Serialised once per state of the view, newest trades, health and flags, however many clients connect meanwhile. */
  private snapshotMessage(): Buffer {
    const { view } = this.stats;
    const { newest } = this.pending;
    const health = this.foldStatus.version;
    const flags = this.flags.version;
    let snapshot = this.snapshot;
    if (
      snapshot?.view !== view ||
      snapshot.version !== view.version ||
      snapshot.newest !== newest ||
      snapshot.health !== health ||
      snapshot.flags !== flags
    ) {
      const json = { pairs: view.allJson('pairs'), countries: view.allJson('countries'), flags: this.flags.json };
      const text = snapshotMessage(view, json, this.pending.newestJson(), this.foldStatus.healthJson);
      snapshot = this.snapshot = { view, version: view.version, newest, health, flags, message: Buffer.from(text) };
    }
    return snapshot.message;
  }
}
