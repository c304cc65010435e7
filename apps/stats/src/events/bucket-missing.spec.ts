import { partitionStatsKey } from '@tradeflow/fold';
import {
  eventually,
  getJson,
  type NatsServerHandle,
  type RunningApp,
  startHttpApp,
  startNatsServer,
  WsClient,
} from '@tradeflow/testing';
import { BUCKETS } from '@tradeflow/topology';
import { connect, type NatsConnection } from 'nats';
import { configureStats } from '../app/configure-app';

// Stats may start before process has created the bucket: clients then wait for their snapshot.
let server: NatsServerHandle;
let nc: NatsConnection;
let stats: RunningApp;
let client: WsClient | undefined;

beforeAll(async () => {
  server = await startNatsServer();
  nc = await connect({ servers: server.url });
  stats = await startHttpApp(
    () => import('../app/app.module').then((m) => m.AppModule),
    { NATS_URL: server.url },
    configureStats,
  );
});

afterAll(async () => {
  client?.close();
  await nc?.close();
  await stats?.close();
  await server?.dispose();
});

test('a client that connects before the bucket exists gets its snapshot once process creates it', async () => {
  client = await WsClient.open(`${stats.url.replace(/^http/, 'ws')}/ws`);
  await eventually(async () => {
    const health = await getJson(`${stats.url}/health`);
    expect(health.body.error.jetstream.reason).toBe(`KV bucket ${BUCKETS.stats} does not exist`);
  });
  expect(client.messages).toEqual([]);

  const kv = await nc.jetstream().views.kv(BUCKETS.stats, { history: 1 });
  const value = { lastSeq: 4, total: 4, pairs: {}, countries: {} };
  await kv.put(partitionStatsKey(0), new TextEncoder().encode(JSON.stringify(value)));
  const snapshot = await client.next('snapshot', 0);
  expect(client.messages[0]).toBe(snapshot);
  expect(snapshot.data).toEqual({
    total: expect.any(Number),
    refused: 0,
    quarantined: 0,
    pairs: {},
    countries: {},
    flags: [],
    latest: [],
    health: { status: 'ok', partitions: {} },
  });
  // The view may have been loaded between the bucket's creation and the put: then an update follows.
  await eventually(() => expect(client!.messages.at(-1)?.data.total).toBe(4));
});
