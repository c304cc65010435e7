import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXAMPLE_TRADE, type Flag, type StatsUpdate, type Trade } from '@tradeflow/contract';
import { mergePartitions, type PartitionStats, partitionStatsKey } from '@tradeflow/fold';
import {
  eventually,
  type NatsServerHandle,
  type RunningApp,
  startHttpApp,
  startNatsServer,
  WsClient,
} from '@tradeflow/testing';
import { BUCKETS, flagSubject, flagsStream, STREAMS, SUBJECTS } from '@tradeflow/topology';
import { connect, type KV, type NatsConnection } from 'nats';
import { configureStats } from '../app/configure-app';
import { EventsBroadcaster } from './events.broadcaster';

// /ws against a real nats-server. The tests play process: they write a partition's value to the
// bucket `stats` and publish on stats.updates what process would after folding a batch.
const MAX_BUFFERED = 64 * 1024;

let server: NatsServerHandle;
let nc: NatsConnection;
let kv: KV;
let stats: RunningApp;
const clients: WsClient[] = [];

const encode = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));

const pairFigures = (count: number) => ({
  from: 'EUR',
  to: 'GBP',
  count,
  sold: String(1000 * count),
  bought: String(747.1 * count),
  rate: { last: 0.7471, min: 0.7471, max: 0.7471 },
  lastAt: '2026-01-02T10:00:00.000Z',
  minutes: [{ start: '2026-01-02T10:00:00.000Z', count, sold: String(1000 * count) }],
  hours: [{ start: '2026-01-02T10:00:00.000Z', count, sold: String(1000 * count) }],
});
const countryFigures = (country: string, count: number) => ({ country, count, sold: { EUR: String(1000 * count) } });

/**
 * Each partition's figures as process has them, and writes them with its next batch: partition 0
 * starts with 3 trades. A test sets the figures its trades change before it publishes them.
 */
const partitions = new Map<number, PartitionStats>([
  [
    0,
    {
      lastSeq: 3,
      total: 3,
      quarantined: 0,
      pairs: { 'EUR-GBP': pairFigures(3) },
      countries: { FR: countryFigures('FR', 3) },
    },
  ],
]);
const partition = (n: number): PartitionStats => {
  if (!partitions.has(n)) partitions.set(n, { lastSeq: 0, total: 0, quarantined: 0, pairs: {}, countries: {} });
  return partitions.get(n)!;
};
/** All the trades process has counted: what every client's total must come to. */
const processedTotal = () => [...partitions.values()].reduce((sum, stats) => sum + stats.total, 0);
let tradeCount = 0;

const trades = (count: number, padding = 0): Trade[] =>
  Array.from({ length: count }, () => ({
    ...EXAMPLE_TRADE,
    id: `trade-${++tradeCount}`,
    timePlacedIso: '2018-01-24T10:27:44.000Z',
    receivedAt: new Date().toISOString(),
    ...(padding ? { note: 'x'.repeat(padding) } : {}),
  }));

/**
 * Does what process does after folding `items` into partition 0 (or another): writes the
 * partition's value to KV, then publishes the update. A test may make either of the partition's
 * totals lower than its trades so far; its trades are then not counted.
 */
async function publishUpdate(
  items: Trade[],
  options: Partial<StatsUpdate> = {},
  kvTotal?: number,
): Promise<StatsUpdate> {
  const stats = partition(options.partition ?? 0);
  const previousSeq = options.previousSeq ?? stats.lastSeq;
  if (options.partitionTotal === undefined) stats.total += items.length;
  const update: StatsUpdate = {
    partition: options.partition ?? 0,
    previousSeq,
    lastSeq: previousSeq + items.length,
    partitionTotal: stats.total,
    items,
    ...options,
  };
  stats.lastSeq = update.lastSeq;
  // As process does: KV first, then the update.
  await kv.put(partitionStatsKey(update.partition), encode({ ...stats, total: kvTotal ?? stats.total }));
  nc.publish(SUBJECTS.statsUpdates, encode(update));
  await nc.flush();
  return update;
}

async function openClient(app: RunningApp = stats): Promise<WsClient> {
  const client = await WsClient.open(`${app.url.replace(/^http/, 'ws')}/ws`);
  clients.push(client);
  return client;
}

/** An open client that has had its snapshot. */
async function connected(app?: RunningApp): Promise<WsClient> {
  const client = await openClient(app);
  await client.next('snapshot', 0);
  return client;
}

const broadcaster = () => stats.app.get(EventsBroadcaster);

/** A dashboard build of the suite's own: a page and one hashed asset. */
const DASHBOARD_PAGE = '<!doctype html><title>tradeflow</title><script src="/assets/app-1a2b3c.js"></script>';
function dashboardBuild(): string {
  const dir = mkdtempSync(join(tmpdir(), 'dashboard-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), DASHBOARD_PAGE);
  writeFileSync(join(dir, 'assets/app-1a2b3c.js'), 'console.log("tradeflow")');
  return dir;
}

beforeAll(async () => {
  server = await startNatsServer();
  nc = await connect({ servers: server.url, maxReconnectAttempts: -1, reconnectTimeWait: 100 });
  kv = await nc.jetstream().views.kv(BUCKETS.stats, { history: 1 });
  await kv.put(partitionStatsKey(0), encode(partition(0)));
  stats = await startHttpApp(
    () => import('../app/app.module').then((m) => m.AppModule),
    {
      NATS_URL: server.url,
      WS_MAX_BUFFERED_BYTES: String(MAX_BUFFERED),
      WS_LATEST_TRADES: '3',
      WS_RECENT_FLAGS: '3',
      DASHBOARD_DIR: dashboardBuild(),
    },
    configureStats,
  );
  await eventually(async () => expect((await fetch(`${stats.url}/health`)).status).toBe(200));
});

afterEach(() => {
  // Whatever a test did, no client ever saw the total go down.
  for (const client of clients) {
    const totals = client.messages
      .filter((message) => message.event !== 'health')
      .map((message) => message.data.total as number);
    expect(totals).toEqual([...totals].sort((a, b) => a - b));
  }
});

afterAll(async () => {
  for (const client of clients) client.close();
  await nc?.close();
  await stats?.close();
  await server?.dispose();
});

test('GET / serves the dashboard build, its page revalidated and its hashed assets kept', async () => {
  const page = await fetch(stats.url);
  expect(page.status).toBe(200);
  expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
  expect(page.headers.get('cache-control')).toBe('no-cache');
  expect(await page.text()).toBe(DASHBOARD_PAGE);
  const asset = await fetch(`${stats.url}/assets/app-1a2b3c.js`);
  expect(asset.status).toBe(200);
  expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  expect((await fetch(`${stats.url}/health`)).status).toBe(200);
});

test('the first message is a snapshot of the bucket, its figures merged over the partitions', async () => {
  const client = await openClient();
  const snapshot = await client.next('snapshot', 0);
  expect(client.messages[0]).toBe(snapshot);
  expect(snapshot.data).toEqual({
    total: 3,
    refused: 0,
    quarantined: 0,
    pairs: { 'EUR-GBP': pairFigures(3) },
    countries: { FR: countryFigures('FR', 3) },
    flags: [],
    latest: [],
    health: { status: 'ok', partitions: {} },
  });
});

test('every processed trade reaches the client in transactions, with the total and the changed figures', async () => {
  const client = await connected();
  const first = trades(2);
  partition(0).pairs['EUR-GBP'] = pairFigures(5);
  await publishUpdate(first);
  await eventually(() => expect(client.itemIds()).toEqual(first.map((trade) => trade.id)));
  const updates = client.events('transactions');
  expect(updates.find((data) => data.items.length)?.items).toEqual(first);
  expect(updates.at(-1).total).toBe(processedTotal());
  await eventually(() => {
    const pairs = client.events('transactions').map((data) => data.pairs['EUR-GBP']);
    expect(pairs).toContainEqual(pairFigures(5));
  });
  // FR's figures are those of the partition's previous value: not sent again.
  expect(client.events('transactions').every((data) => Object.keys(data.countries).length === 0)).toBe(true);
});

test('updates are coalesced: many batches arrive as few messages, every trade in order', async () => {
  const client = await connected();
  const before = client.messages.length;
  const sent: Trade[] = [];
  const started = Date.now();
  for (let batch = 0; batch < 30; batch++) {
    const items = trades(3);
    sent.push(...items);
    await publishUpdate(items);
    // Spread over about 300 ms: news arrives during several ticks.
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  await eventually(() => expect(client.itemIds()).toEqual(sent.map((trade) => trade.id)));
  const messages = client.messages.slice(before);
  expect(messages.length).toBeGreaterThanOrEqual(2);
  // At most one message per 100 ms tick, however many batches were published.
  expect(messages.length).toBeLessThanOrEqual(Math.ceil((Date.now() - started) / 100) + 1);
  expect(messages.length).toBeLessThan(30);
  // Ticks are never closer than WS_TICK_MS (sent 100 ms apart; the margin is for the client's own timing).
  const gaps = messages.slice(1).map((message, index) => message.receivedAt - messages[index].receivedAt);
  expect(Math.min(...gaps)).toBeGreaterThanOrEqual(60);
});

test('the summary feed: total, trades in the tick, the newest trades first, changed figures', async () => {
  const client = await connected();
  client.send(JSON.stringify({ event: 'subscribe', data: { feed: 'summary' } }));
  await eventually(() =>
    expect(
      broadcaster()
        .clientStates()
        .filter((state) => state.feed === 'summary'),
    ).toHaveLength(1),
  );
  const skip = client.messages.length;
  const items = trades(5);
  partition(0).countries.DE = countryFigures('DE', 1);
  await publishUpdate(items);
  const summary = await eventually(() => {
    const found = client.messages.slice(skip).find((message) => message.data.count === 5);
    expect(found?.event).toBe('summary');
    return found!;
  });
  expect(summary.data).toEqual({
    total: processedTotal(),
    refused: 0,
    quarantined: 0,
    count: 5,
    latest: items.slice(-3).reverse(),
    pairs: {},
    countries: expect.any(Object),
    flags: [],
  });
  await eventually(() => {
    const countries = client.events('summary').map((data) => data.countries.DE);
    expect(countries).toContainEqual(countryFigures('DE', 1));
  });
  expect(client.messages.slice(skip).filter((message) => message.event === 'transactions')).toEqual([]);

  client.send(JSON.stringify({ event: 'subscribe', data: { feed: 'full' } }));
  await eventually(() =>
    expect(
      broadcaster()
        .clientStates()
        .some((state) => state.feed === 'summary'),
    ).toBe(false),
  );
  const more = trades(1);
  await publishUpdate(more);
  await eventually(() => expect(client.itemIds()).toEqual([more[0].id]));
});

test("another partition's trades: its figures merged with partition 0's, in the updates and the snapshots", async () => {
  const client = await connected();
  // Received later than partition 0's: its rate is the last one.
  partition(1).pairs['EUR-GBP'] = {
    ...pairFigures(2),
    rate: { last: 0.75, min: 0.75, max: 0.75 },
    lastAt: '2026-01-02T10:30:00.000Z',
  };
  partition(1).countries.DE = countryFigures('DE', 2);
  await publishUpdate(trades(2), { partition: 1 });
  const merged = mergePartitions([partition(0), partition(1)]);
  expect(merged.pairs['EUR-GBP']).toMatchObject({
    count: partition(0).pairs['EUR-GBP'].count + 2,
    rate: { last: 0.75 },
  });
  await eventually(() => {
    const pairs = client.events('transactions').map((data) => data.pairs['EUR-GBP']);
    expect(pairs).toContainEqual(merged.pairs['EUR-GBP']);
  });
  await eventually(() => expect(client.events('transactions').at(-1)?.total).toBe(processedTotal()));
  const late = await connected();
  expect(late.messages[0].data).toMatchObject({
    total: processedTotal(),
    pairs: merged.pairs,
    countries: merged.countries,
  });
});

test('a lower total from an update or from KV never takes the total back', async () => {
  const client = await connected();
  const highest = processedTotal();
  const items = trades(2);
  await publishUpdate(items, { partitionTotal: 1 }, 2);
  await eventually(() => expect(client.itemIds()).toEqual(items.map((trade) => trade.id)));
  const late = await connected();
  expect(late.messages[0].data.total).toBe(highest);
  expect(client.events('transactions').every((data) => data.total === highest)).toBe(true);
});

test('a client that connects later gets the live total and the newest trades in its snapshot, and then every trade', async () => {
  const early = await connected();
  const folded = trades(4);
  await publishUpdate(folded);
  await eventually(() => expect(early.events('transactions').at(-1)?.total).toBe(processedTotal()));
  const late = await connected();
  expect(late.messages[0].data.total).toBe(processedTotal());
  // WS_LATEST_TRADES (3) of them, newest first, as the summary feed lists them.
  expect(late.messages[0].data.latest).toEqual(folded.slice(-3).reverse());
  const items = trades(1);
  await publishUpdate(items);
  await eventually(() => expect(late.itemIds()).toContain(items[0].id));
});

test('the refused count follows the REJECTED stream, in the snapshot and the updates', async () => {
  const client = await connected();
  expect(client.messages[0].data.refused).toBe(0);
  const jsm = await nc.jetstreamManager();
  await jsm.streams.add({ name: STREAMS.rejected, subjects: [SUBJECTS.rejected] });
  for (let i = 0; i < 2; i++) await nc.jetstream().publish(SUBJECTS.rejected, encode({ errors: [] }));
  await eventually(() => expect(client.messages.at(-1)?.data.refused).toBe(2), 5000);
  const late = await connected();
  expect(late.messages[0].data.refused).toBe(2);
});

test('messages the fold set aside are counted over the partitions, from KV, in every message', async () => {
  const client = await connected();
  expect(client.messages[0].data.quarantined).toBe(0);
  partition(0).quarantined = 2;
  partition(1).quarantined = 1;
  await publishUpdate(trades(1));
  await publishUpdate(trades(1), { partition: 1 });
  await eventually(() => expect(client.messages.at(-1)?.data.quarantined).toBe(3));
  expect(client.events('transactions').at(-1).quarantined).toBe(3);
  const late = await connected();
  expect(late.messages[0].data.quarantined).toBe(3);
});

test("process's fold status: a stuck partition reaches every client as health, degraded, and in the snapshots; ok once it moves", async () => {
  const client = await connected();
  const since = '2026-01-02T10:00:00.000Z';
  const report = (partitions: Record<number, unknown>) => {
    nc.publish(SUBJECTS.statsStatus, encode({ instance: 'process-1', partitions }));
    return nc.flush();
  };
  await report({ 0: { state: 'ok' }, 1: { state: 'stuck', reason: 'Unexpected token', since } });
  const degraded = { status: 'degraded', partitions: { 1: { reason: 'Unexpected token', since } } };
  expect((await client.next('health')).data).toEqual(degraded);
  const late = await connected();
  expect(late.messages[0].data.health).toEqual(degraded);
  // Not a fold status (the subject is open to anyone): ignored.
  nc.publish(SUBJECTS.statsStatus, encode({ instance: 'x', partitions: { 1: { state: 'fine' } } }));
  await report({ 0: { state: 'ok' }, 1: { state: 'ok' } });
  await eventually(() => expect(client.events('health')).toEqual([degraded, { status: 'ok', partitions: {} }]));
  expect(late.events('health')).toEqual([{ status: 'ok', partitions: {} }]);
});

test('messages other than subscribe, and subscribe with bad data, are ignored', async () => {
  const client = await connected();
  const junk = [
    'not json',
    '',
    'null',
    '42',
    '[]',
    '{"event":"unknown","data":1}',
    '{"event":"__proto__","data":{}}',
    '{"event":"constructor"}',
    '{"event":"subscribe"}',
    '{"event":"subscribe","data":"summary"}',
    '{"event":"subscribe","data":{"feed":"everything"}}',
    '{"event":"subscribe","data":null}',
  ];
  for (const message of junk) client.send(message);
  client.send(Buffer.from([0xff, 0x00, 0x7b]));
  const items = trades(1);
  await publishUpdate(items);
  await eventually(() => expect(client.itemIds()).toEqual([items[0].id]));
  expect(client.open).toBe(true);
  expect(new Set(client.messages.map((message) => message.event))).toEqual(new Set(['snapshot', 'transactions']));
});

test('a frame over WS_MAX_PAYLOAD_BYTES closes the socket with 1009, and only that one', async () => {
  const other = await connected();
  const client = await connected();
  client.send(JSON.stringify({ event: 'subscribe', data: { feed: 'x'.repeat(5000) } }));
  expect(await client.closed).toBe(1009);
  const items = trades(1);
  await publishUpdate(items);
  await eventually(() => expect(other.itemIds()).toEqual([items[0].id]));
});

test('a client that stops reading is skipped past its backlog, the others are not, and it resynchronises when it reads again', async () => {
  const healthy = await connected();
  const slow = await connected();
  slow.pause();
  const sent: string[] = [];
  const stalled = () =>
    broadcaster()
      .clientStates()
      .filter((state) => state.stalled);
  // Enough to fill the kernel's buffers on both sides, then the server's.
  await eventually(async () => {
    for (let batch = 0; batch < 4; batch++) {
      const items = trades(100, 2000);
      sent.push(...items.map((trade) => trade.id));
      await publishUpdate(items);
    }
    expect(stalled()).toHaveLength(1);
  }, 30_000);
  await eventually(() => expect(healthy.itemIds()).toEqual(sent));
  const largest = Math.max(...healthy.messages.map((message) => message.size));
  const backlog = stalled()[0].bufferedAmount;
  expect(backlog).toBeLessThanOrEqual(MAX_BUFFERED + largest);

  // More updates: the healthy client gets them, the stalled one's backlog does not grow.
  for (let batch = 0; batch < 4; batch++) {
    const items = trades(100, 2000);
    sent.push(...items.map((trade) => trade.id));
    await publishUpdate(items);
  }
  await eventually(() => expect(healthy.itemIds()).toEqual(sent));
  expect(stalled()).toHaveLength(1);
  expect(stalled()[0].bufferedAmount).toBeLessThanOrEqual(backlog);

  const seen = slow.messages.length;
  slow.resume();
  const snapshot = await slow.next('snapshot', Math.max(seen, 1));
  expect(snapshot.data.total).toBe(processedTotal());
  expect(stalled()).toHaveLength(0);
  const items = trades(1);
  await publishUpdate(items);
  await eventually(() => expect(slow.itemIds()).toContain(items[0].id));
}, 40_000);

test('a missed update makes every client reload: a fresh snapshot from KV, and the trades keep coming', async () => {
  const client = await connected();
  const snapshots = client.events('snapshot').length;
  // Partition 0's chain skips ten sequences: an update went missing, with the USD-JPY trade.
  const usdJpy = { ...pairFigures(1), from: 'USD', to: 'JPY' };
  partition(0).pairs['USD-JPY'] = usdJpy;
  const items = trades(2);
  await publishUpdate(items, { previousSeq: partition(0).lastSeq + 10 });
  const snapshot = await client.next('snapshot', 1);
  expect(client.events('snapshot')).toHaveLength(snapshots + 1);
  expect(snapshot.data.total).toBe(processedTotal());
  expect(Object.keys(snapshot.data.pairs).sort()).toEqual(['EUR-GBP', 'USD-JPY']);
  expect(snapshot.data.pairs['USD-JPY']).toEqual(usdJpy);
  await eventually(() => expect(client.itemIds()).toEqual(items.map((trade) => trade.id)));

  // The chain goes on from the update that revealed the gap: no further reload.
  const next = trades(1);
  await publishUpdate(next);
  await eventually(() => expect(client.itemIds()).toContain(next[0].id));
  expect(client.events('snapshot')).toHaveLength(snapshots + 1);
});

test('after a NATS reconnect every client gets a fresh snapshot', async () => {
  const client = await connected();
  const seen = client.messages.length;
  await server.stop();
  await server.start();
  const snapshot = await client.next('snapshot', seen);
  expect(snapshot.data.total).toBe(processedTotal());
  await eventually(() => nc.flush());
  const items = trades(1);
  await publishUpdate(items);
  await eventually(() => expect(client.itemIds()).toContain(items[0].id));
});

/** A flag of a trade of partition 0 as process stores it in FLAGS. */
function flagOf(kind: Flag['kind'], trade: Trade): Flag {
  const common = { id: `${kind}:${trade.id}`, seq: ++tradeCount, trade };
  if (kind === 'off-market') return { ...common, kind, reference: 0.7471, deviationPercent: 6.2, window: 50 };
  const window = { start: trade.receivedAt, end: new Date(Date.parse(trade.receivedAt) + 60_000).toISOString() };
  return { ...common, kind, window, trades: 21, sold: {}, exceeded: ['21 trades > 20'] };
}

/** Stores a flag as process does: on its kind's subject, its id the message id, so a repeat is dropped. */
async function storeFlag(flag: Flag): Promise<void> {
  await nc.jetstream().publish(flagSubject(flag.kind, 0), encode(flag), { msgID: flag.id });
}

/** The ids of the flags of every message of one event, sorted: the ticks they come in are the gateway's. */
const flagIds = (client: WsClient, event: string) =>
  client
    .events(event)
    .flatMap((data: { flags: Flag[] }) => data.flags.map((flag) => flag.id))
    .sort();
const sortedIds = (flags: Flag[]) => flags.map((flag) => flag.id).sort();

test("the fold's flags: each new one in the next update of either feed, the recent ones in every snapshot, read from FLAGS's tail by a gateway that starts", async () => {
  const full = await connected();
  const summary = await connected();
  summary.send(JSON.stringify({ event: 'subscribe', data: { feed: 'summary' } }));
  await eventually(() =>
    expect(
      broadcaster()
        .clientStates()
        .filter((state) => state.feed === 'summary'),
    ).toHaveLength(1),
  );
  // process creates the stream; until then the gateway tries again every second.
  const unlimited = { maxAgeSeconds: 0, maxBytes: 0, maxMessages: 0 };
  await (await nc.jetstreamManager()).streams.add(flagsStream(unlimited, 600, 1));
  const [first, second, third, fourth] = trades(4);
  const raised = [flagOf('off-market', first), flagOf('velocity', second)];
  for (const flag of raised) await storeFlag(flag);
  await eventually(() => expect(flagIds(full, 'transactions')).toEqual(sortedIds(raised)), 10_000);
  await eventually(() => expect(flagIds(summary, 'summary')).toEqual(sortedIds(raised)));
  const received = full.events('transactions').flatMap((data) => data.flags);
  expect(received).toEqual(expect.arrayContaining(raised));

  // Stored again (a batch folded again) it is dropped by FLAGS; anything else there is ignored.
  await storeFlag(raised[0]);
  await nc.jetstream().publish(flagSubject('off-market', 0), encode({ id: 'not a flag' }));
  const later = [flagOf('off-market', third), flagOf('off-market', fourth)];
  for (const flag of later) await storeFlag(flag);
  const all = [...raised, ...later].map((flag) => flag.id).reverse();
  await eventually(() => expect(flagIds(full, 'transactions')).toEqual(sortedIds([...raised, ...later])));
  // WS_RECENT_FLAGS (3) of them, newest first.
  const late = await connected();
  expect(late.messages[0].data.flags.map((flag: Flag) => flag.id)).toEqual(all.slice(0, 3));

  const restarted = await startHttpApp(
    () => import('../app/app.module').then((m) => m.AppModule),
    { NATS_URL: server.url, WS_RECENT_FLAGS: '2' },
    configureStats,
  );
  try {
    const client = await openClient(restarted);
    await eventually(() =>
      expect(client.messages.flatMap((message) => message.data.flags).map((flag: Flag) => flag.id)).toEqual(
        all.slice(0, 2),
      ),
    );
    const reconnected = await connected(restarted);
    expect(reconnected.messages[0].data.flags.map((flag: Flag) => flag.id)).toEqual(all.slice(0, 2));
  } finally {
    await restarted.close();
  }
});

test('instances run side by side, each with its own clients; one shutting down closes its sockets with 1001', async () => {
  const second = await startHttpApp(
    () => import('../app/app.module').then((m) => m.AppModule),
    { NATS_URL: server.url },
    configureStats,
  );
  let running = true;
  try {
    const here = await connected();
    const there = await connected(second);
    expect(there.messages[0].data.total).toBe(processedTotal());
    const items = trades(1);
    await publishUpdate(items);
    await eventually(() => expect(there.itemIds()).toEqual([items[0].id]));
    await eventually(() => expect(here.itemIds()).toEqual([items[0].id]));

    await second.close();
    running = false;
    expect(await there.closed).toBe(1001);
    const more = trades(1);
    await publishUpdate(more);
    await eventually(() => expect(here.itemIds()).toContain(more[0].id));
  } finally {
    if (running) await second.close();
  }
});
