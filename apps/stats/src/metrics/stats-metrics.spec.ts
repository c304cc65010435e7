import { EXAMPLE_TRADE, SUBSCRIBE_SUMMARY, type StatsUpdate, type Trade } from '@tradeflow/contract';
import { type PartitionStats, partitionStatsKey } from '@tradeflow/fold';
import {
  eventually,
  type Metrics,
  type NatsServerHandle,
  type RunningApp,
  scrapeMetrics,
  startHttpApp,
  startNatsServer,
  WsClient,
  type WsMessage,
} from '@tradeflow/testing';
import { BUCKETS, SUBJECTS } from '@tradeflow/topology';
import { connect, type KV, type NatsConnection } from 'nats';
import { configureStats } from '../app/configure-app';

// stats's GET /metrics while WebSocket clients take both feeds, on a real nats-server. The suite
// plays process: it writes partition 0's value to KV and publishes the update that goes with it.
let server: NatsServerHandle;
let nc: NatsConnection;
let kv: KV;
let stats: RunningApp;
const clients: WsClient[] = [];
const value: PartitionStats = { lastSeq: 0, total: 0, quarantined: 0, pairs: {}, countries: {} };

const encode = (data: unknown) => new TextEncoder().encode(JSON.stringify(data));

/** Folds `count` trades into partition 0 as process does: KV first, then the update. */
async function foldTrades(count: number, receivedAt: Date): Promise<void> {
  const items: Trade[] = Array.from({ length: count }, (_, index) => ({
    ...EXAMPLE_TRADE,
    id: `trade-${value.lastSeq + index + 1}`,
    timePlacedIso: '2018-01-24T10:27:44.000Z',
    receivedAt: receivedAt.toISOString(),
  }));
  const previousSeq = value.lastSeq;
  value.lastSeq += count;
  value.total += count;
  await kv.put(partitionStatsKey(0), encode(value));
  const update: StatsUpdate = { partition: 0, previousSeq, lastSeq: value.lastSeq, partitionTotal: value.total, items };
  nc.publish(SUBJECTS.statsUpdates, encode(update));
  await nc.flush();
}

async function connected(): Promise<WsClient> {
  const client = await WsClient.open(`${stats.url.replace(/^http/, 'ws')}/ws`);
  clients.push(client);
  await client.next('snapshot', 0);
  return client;
}

const scrapeUntil = (assertion: (metrics: Metrics) => void) =>
  eventually(async () => {
    const metrics = await scrapeMetrics(stats.url);
    assertion(metrics);
    return metrics;
  });

/** What clients received: messages and their bytes. */
const received = (messages: WsMessage[]) => ({
  messages: messages.length,
  bytes: messages.reduce((sum, message) => sum + message.size, 0),
});
const all = (...of: WsClient[]) => of.flatMap((client) => client.messages);

/** What the metrics say was sent to the clients of a feed. */
const sentTo = (metrics: Metrics, feed: string) => ({
  messages: metrics.value('tradeflow_ws_messages_sent_total', { feed }),
  bytes: metrics.value('tradeflow_ws_bytes_sent_total', { feed }),
});

beforeAll(async () => {
  server = await startNatsServer();
  nc = await connect({ servers: server.url });
  kv = await nc.jetstream().views.kv(BUCKETS.stats, { history: 1 });
  await kv.put(partitionStatsKey(0), encode(value));
  stats = await startHttpApp(
    () => import('../app/app.module').then((m) => m.AppModule),
    { NATS_URL: server.url },
    configureStats,
  );
  await eventually(async () => expect((await fetch(`${stats.url}/health`)).status).toBe(200));
});

afterAll(async () => {
  for (const client of clients) client.close();
  await nc?.close();
  await stats?.close();
  await server?.dispose();
});

test('counts the clients by feed, what each feed was sent in messages and bytes, the snapshots, and the age of the trades sent', async () => {
  const full = await connected();
  const summary = await connected();
  summary.send(SUBSCRIBE_SUMMARY);
  const before = await scrapeUntil((metrics) => {
    expect(metrics.value('tradeflow_ws_clients', { feed: 'full' })).toBe(1);
    expect(metrics.value('tradeflow_ws_clients', { feed: 'summary' })).toBe(1);
    // Both snapshots went out while both clients took the full feed, as every client starts.
    expect(sentTo(metrics, 'full')).toEqual(received(all(full, summary)));
  });
  expect(sentTo(before, 'summary')).toEqual({ messages: 0, bytes: 0 });
  expect(before.value('tradeflow_ws_snapshots_sent_total')).toBe(2);
  expect(before.value('tradeflow_ws_resyncs_total')).toBe(0);

  const [fullSeen, summarySeen] = [full.messages.length, summary.messages.length];
  await foldTrades(3, new Date(Date.now() - 2000));
  await full.next('transactions', fullSeen);
  await summary.next('summary', summarySeen);
  const after = await scrapeUntil((metrics) => {
    expect(sentTo(metrics, 'summary')).toEqual(received(summary.messages.slice(1)));
    expect(sentTo(metrics, 'full')).toEqual(received([...full.messages, summary.messages[0]]));
  });
  expect(sentTo(after, 'full').messages).toBeGreaterThan(sentTo(before, 'full').messages!);
  expect(after.value('tradeflow_ws_snapshots_sent_total')).toBe(2);
  expect(after.value('tradeflow_ws_slow_clients_skipped_total')).toBe(0);
  // The trades were received 2 s before they were folded: no update carrying them went out younger.
  expect(after.value('tradeflow_update_age_seconds_count')).toBeGreaterThanOrEqual(1);
  expect(after.value('tradeflow_update_age_seconds_sum')).toBeGreaterThanOrEqual(2);
});
