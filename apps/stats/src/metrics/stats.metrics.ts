import { Injectable } from '@nestjs/common';
import type { Feed } from '@tradeflow/contract';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';

/** A number per feed: clients, messages. */
export type FeedCounts = Record<Feed, number>;

export const noFeedCounts = (): FeedCounts => ({ full: 0, summary: 0 });
const FEEDS = Object.keys(noFeedCounts()) as Feed[];

/**
 * stats's metrics: what the gateway sends its WebSocket clients. A tick's messages are counted
 * once per feed (how many clients each went to), not once per client.
 */
@Injectable()
export class StatsMetrics {
  private readonly messagesSent: Record<Feed, Counter.Internal>;
  private readonly bytesSent: Record<Feed, Counter.Internal>;
  private readonly slowClientsSkipped: Counter;
  private readonly resyncs: Counter;
  private readonly snapshotsSent: Counter;
  private readonly updateAge: Histogram;
  private clientsByFeed = noFeedCounts;

  constructor(registry: Registry) {
    const registers = [registry];
    const clientsByFeed = () => this.clientsByFeed();
    new Gauge({
      name: 'tradeflow_ws_clients',
      help: 'WebSocket clients connected, by the feed they take',
      labelNames: ['feed'],
      registers,
      collect() {
        for (const [feed, clients] of Object.entries(clientsByFeed())) this.set({ feed }, clients);
      },
    });
    const messages = new Counter({
      name: 'tradeflow_ws_messages_sent_total',
      help: 'Messages sent to WebSocket clients (snapshots, updates, health), by feed',
      labelNames: ['feed'],
      registers,
    });
    const bytes = new Counter({
      name: 'tradeflow_ws_bytes_sent_total',
      help: 'Bytes of the messages sent to WebSocket clients, by feed',
      labelNames: ['feed'],
      registers,
    });
    // Each feed's series, looked up once rather than by its labels at every tick, and shown from 0.
    const byFeed = (counter: Counter<'feed'>) =>
      Object.fromEntries(
        FEEDS.map((feed) => {
          const series = counter.labels(feed);
          series.inc(0);
          return [feed, series];
        }),
      ) as Record<Feed, Counter.Internal>;
    this.messagesSent = byFeed(messages);
    this.bytesSent = byFeed(bytes);
    this.slowClientsSkipped = new Counter({
      name: 'tradeflow_ws_slow_clients_skipped_total',
      help: 'Updates not sent to a client for its unsent backlog (it gets a snapshot once drained)',
      registers,
    });
    this.resyncs = new Counter({
      name: 'tradeflow_ws_resyncs_total',
      help: 'Snapshots sent to a client that had one already: its backlog drained, or the view was reloaded',
      registers,
    });
    this.snapshotsSent = new Counter({
      name: 'tradeflow_ws_snapshots_sent_total',
      help: 'Snapshots sent to WebSocket clients',
      registers,
    });
    this.updateAge = new Histogram({
      name: 'tradeflow_update_age_seconds',
      help: 'Age of the newest folded trade (now minus its receivedAt) when an update carrying it is sent',
      buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    });
  }

  /** Where the client gauge reads, when scraped, how many clients take each feed. */
  followClients(clientsByFeed: () => FeedCounts): void {
    this.clientsByFeed = clientsByFeed;
  }

  /** A message went to `clients[feed]` clients of each feed, `bytes(feed)` long: measured only for a feed it went to. */
  sent(clients: FeedCounts, bytes: (feed: Feed) => number): void {
    for (const feed of FEEDS) {
      if (clients[feed] === 0) continue;
      this.messagesSent[feed].inc(clients[feed]);
      this.bytesSent[feed].inc(clients[feed] * bytes(feed));
    }
  }

  /** A snapshot of `bytes` went to a client of the feed; a resync when it had one already. */
  snapshotSent(feed: Feed, bytes: number, resync: boolean): void {
    this.messagesSent[feed].inc();
    this.bytesSent[feed].inc(bytes);
    this.snapshotsSent.inc();
    if (resync) this.resyncs.inc();
  }

  /** Clients that did not get an update for their backlog. */
  slowClientsSkippedBy(clients: number): void {
    if (clients > 0) this.slowClientsSkipped.inc(clients);
  }

  /** An update went out whose newest trade was received at `receivedAt` (ISO-8601). */
  updateSent(receivedAt: string): void {
    this.updateAge.observe(Math.max(0, Date.now() - Date.parse(receivedAt)) / 1000);
  }
}
