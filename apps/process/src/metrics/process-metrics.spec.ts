import { EXAMPLE_TRADE } from '@tradeflow/contract';
import { type PartitionStats, partitionStatsKey } from '@tradeflow/fold';
import { bucketStream } from '@tradeflow/nats';
import {
  eventually,
  type Metrics,
  type NatsServerHandle,
  type RunningApp,
  scrapeMetrics,
  startHttpApp,
  startNatsServer,
} from '@tradeflow/testing';
import { toTrade } from '@tradeflow/trade';
import {
  acceptedSubject,
  BUCKETS,
  partitionOf,
  quarantineStream,
  STREAMS,
  transactionsStream,
} from '@tradeflow/topology';
import { connect, type JetStreamClient, type JetStreamManager, type NatsConnection } from 'nats';

// process's GET /metrics on a real nats-server. The suite plays ingest: it stores trades on
// tx.accepted.<n>, some before process starts, and reads what the fold did from the scrape.
const PARTITIONS = 4;
const STORED_BEFORE = 40;
const PARTITION = 0;

let server: NatsServerHandle;
let nc: NatsConnection;
let js: JetStreamClient;
let jsm: JetStreamManager;
let processApp: RunningApp;
let userCount = 0;

/** Stores a trade as ingest does, on its user's partition, and returns its sequence. */
async function storeTrade(userId = `user-${++userCount}`): Promise<number> {
  const trade = toTrade({ ...EXAMPLE_TRADE, userId }, `trade-${userId}-${userCount}`, new Date());
  return (await js.publish(acceptedSubject(partitionOf(userId, PARTITIONS)), JSON.stringify(trade))).seq;
}

/** A user whose trades belong to the partition. */
function userOf(partition: number): string {
  for (let n = 0; ; n++) if (partitionOf(`user-${n}`, PARTITIONS) === partition) return `user-${n}`;
}

const scrape = () => scrapeMetrics(processApp.url);
/** Waits for a scrape that passes the assertion (scrape-time readings may be a second old). */
const scrapeUntil = (assertion: (metrics: Metrics) => void) =>
  eventually(async () => {
    const metrics = await scrape();
    assertion(metrics);
    return metrics;
  });
const lagOf = (metrics: Metrics, partition: number) =>
  metrics.value('tradeflow_partition_lag', { partition: String(partition) });

beforeAll(async () => {
  server = await startNatsServer();
  nc = await connect({ servers: server.url });
  js = nc.jetstream();
  jsm = await nc.jetstreamManager();
  await jsm.streams.add(transactionsStream({ maxAgeSeconds: 0, maxBytes: 0, maxMessages: 0 }, 120, 1));
  for (let i = 0; i < STORED_BEFORE; i++) await storeTrade();
  processApp = await startHttpApp(() => import('../app/app.module').then((m) => m.AppModule), {
    NATS_URL: server.url,
    TX_PARTITIONS: String(PARTITIONS),
    INSTANCE_ID: 'metrics',
  });
});

afterAll(async () => {
  await processApp?.close();
  await nc?.close();
  await server?.dispose();
});

test('counts every trade folded once, in KV writes, owns every partition with no lag once folded, and the streams as stored', async () => {
  const metrics = await scrapeUntil((scraped) => {
    expect(scraped.value('tradeflow_fold_trades_total', { app: 'process' })).toBe(STORED_BEFORE);
    for (let partition = 0; partition < PARTITIONS; partition++) expect(lagOf(scraped, partition)).toBe(0);
  });
  expect(metrics.value('tradeflow_fold_batch_size_sum')).toBe(STORED_BEFORE);
  const writes = metrics.value('tradeflow_fold_batch_size_count') as number;
  expect(writes).toBeGreaterThanOrEqual(PARTITIONS);
  expect(metrics.value('tradeflow_kv_write_duration_seconds_count')).toBe(writes);
  expect(metrics.value('tradeflow_trades_quarantined_total')).toBe(0);
  expect(metrics.value('tradeflow_kv_revision_conflicts_total')).toBe(0);
  expect(metrics.value('tradeflow_partitions_owned')).toBe(PARTITIONS);

  // The streams' sizes are those JetStream reports; the leases' bytes move with each renewal.
  const streams = [STREAMS.transactions, STREAMS.quarantine, bucketStream(BUCKETS.stats), bucketStream(BUCKETS.leases)];
  await scrapeUntil((scraped) => {
    expect(scraped.labelValues('tradeflow_stream_messages', 'stream').sort()).toEqual([...streams].sort());
  });
  for (const stream of [STREAMS.transactions, STREAMS.quarantine, bucketStream(BUCKETS.stats)]) {
    const { state } = await jsm.streams.info(stream);
    const scraped = await scrapeUntil((found) =>
      expect(found.value('tradeflow_stream_messages', { stream })).toBe(state.messages),
    );
    expect(scraped.value('tradeflow_stream_bytes', { stream })).toBe(state.bytes);
  }
  expect(metrics.value('tradeflow_stream_messages', { stream: STREAMS.transactions })).toBe(STORED_BEFORE);
});

test("a partition's lag is how far the stream is past its checkpoint while its trades wait, and 0 once they are folded", async () => {
  await scrapeUntil((scraped) => expect(scraped.value('tradeflow_fold_trades_total')).toBe(STORED_BEFORE));
  // Without QUARANTINE the fold cannot set aside a message that is no trade: it stops there, and retries.
  await jsm.streams.delete(STREAMS.quarantine);
  await js.publish(acceptedSubject(PARTITION), 'not a trade');
  let last = 0;
  for (let i = 0; i < 3; i++) last = await storeTrade(userOf(PARTITION));
  const kv = await js.views.kv(BUCKETS.stats, { bindOnly: true });
  const checkpoint = (await kv.get(partitionStatsKey(PARTITION)))!.json<PartitionStats>().lastSeq;
  expect(last - checkpoint).toBeGreaterThan(3);

  await scrapeUntil((scraped) => expect(lagOf(scraped, PARTITION)).toBe(last - checkpoint));
  const waiting = await scrape();
  expect(waiting.value('tradeflow_fold_trades_total')).toBe(STORED_BEFORE);
  for (let partition = 1; partition < PARTITIONS; partition++) expect(lagOf(waiting, partition)).toBe(0);

  await jsm.streams.add(quarantineStream(1));
  await scrapeUntil((scraped) => {
    expect(lagOf(scraped, PARTITION)).toBe(0);
    expect(scraped.value('tradeflow_fold_trades_total')).toBe(STORED_BEFORE + 3);
    expect(scraped.value('tradeflow_trades_quarantined_total')).toBe(1);
  });
});
