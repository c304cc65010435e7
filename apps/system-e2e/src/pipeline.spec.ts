import { EXAMPLE_TRADE } from '@tradeflow/contract';
import {
  type AppProcess,
  countedInKv,
  eventually,
  postJson,
  publishRaw,
  spawnApp,
  startNatsServer,
  type NatsServerHandle,
  WsClient,
} from '@tradeflow/testing';
import { SUBJECTS } from '@tradeflow/topology';
import { connect, type NatsConnection } from 'nats';

// The whole system as a user runs it: the three built apps on one nats-server. Trades go in by
// HTTP and by `nats pub tx.submit`; a WebSocket client sees the snapshot, then every trade and
// the new total; `nats kv get stats total` agrees.
let server: NatsServerHandle;
let nc: NatsConnection;
const apps: Record<'ingest' | 'process' | 'stats', AppProcess> = {} as never;

const openClient = () => WsClient.open(`${apps.stats.url.replace('http', 'ws')}/ws`);
const totals = (client: WsClient) =>
  client.messages.filter((message) => message.event !== 'health').map((message) => message.data.total as number);

beforeAll(async () => {
  server = await startNatsServer();
  const environment = { NATS_URL: server.url };
  apps.ingest = await spawnApp('ingest', environment);
  apps.process = await spawnApp('process', environment);
  apps.stats = await spawnApp('stats', environment);
  for (const app of Object.values(apps)) {
    await eventually(async () => expect((await fetch(`${app.url}/health`)).status).toBe(200), 30_000);
  }
  nc = await connect({ servers: server.url });
});

afterAll(async () => {
  await Promise.all(Object.values(apps).map((app) => app.stop()));
  await nc?.close();
  await server?.dispose();
});

test('trades in by HTTP and tx.submit reach a WebSocket client and KV, and a late client starts from the live total', async () => {
  const early = await openClient();
  await early.next('snapshot', 0);
  const startTotal = early.messages[0].data.total;

  const http = await postJson(`${apps.ingest.url}/transactions`, EXAMPLE_TRADE);
  expect(http.status).toBe(202);
  await publishRaw(server.url, SUBJECTS.submit, JSON.stringify({ ...EXAMPLE_TRADE, userId: 'from-cli' }));
  const batch = await postJson(
    `${apps.ingest.url}/transactions/batch`,
    Array.from({ length: 50 }, (_, index) => ({ ...EXAMPLE_TRADE, userId: `batch-${index}` })),
  );
  expect(batch.body.accepted).toHaveLength(50);

  await eventually(() => expect(totals(early).at(-1)).toBe(startTotal + 52), 20_000);
  const sent: string[] = [http.body.id, ...batch.body.accepted.map((item: { id: string }) => item.id)];
  const received = new Set(early.itemIds());
  // Every trade in a `transactions` message, after the one snapshot. When not, what the gateway
  // and the fold logged tells why (a view reloaded, an update missed).
  expect({
    missing: sent.filter((id) => !received.has(id)),
    snapshots: early.events('snapshot').length,
    logs: { stats: apps.stats.output(), process: apps.process.output() },
  }).toEqual({ missing: [], snapshots: 1, logs: expect.anything() });
  expect(early.itemIds()).toHaveLength(52);
  const seen = totals(early);
  expect(seen).toEqual([...seen].sort((a, b) => a - b));

  expect(await countedInKv(nc.jetstream())).toBe(startTotal + 52);

  const late = await openClient();
  await late.next('snapshot', 0);
  expect(late.messages[0].data.total).toBe(startTotal + 52);
  expect(late.messages[0].data.pairs['EUR-GBP'].count).toBe(startTotal + 52);
  expect(late.messages[0].data.countries.FR.count).toBe(startTotal + 52);
  early.close();
  late.close();
});
