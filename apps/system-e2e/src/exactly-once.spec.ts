import { EXAMPLE_TRADE } from '@tradeflow/contract';
import {
  type AppProcess,
  countedInKv,
  eventually,
  postJson,
  spawnApp,
  startNatsServer,
  type NatsServerHandle,
  workspaceRoot,
} from '@tradeflow/testing';
import { type PartitionStats, partitionStatsKey } from '@tradeflow/fold';
import { BUCKETS, STREAMS } from '@tradeflow/topology';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { connect, type KvEntry, type NatsConnection } from 'nats';

// Every accepted trade is counted once in KV whatever crashes: process killed with SIGKILL at
// any instant, the broker killed and restarted, two instances with one of them killed. Trades go
// in through ingest's batch endpoint, and `verify` recounts TRANSACTIONS against KV at the end.
const PARTITIONS = '4';
const LEASES = { LEASE_TTL_SECONDS: '2', LEASE_RENEW_MS: '250' };

let server: NatsServerHandle;
let nc: NatsConnection;
let ingest: AppProcess;
const folds: AppProcess[] = [];

const environment = () => ({ NATS_URL: server.url, TX_PARTITIONS: PARTITIONS, ...LEASES });
const startProcess = async (instance: string) => {
  const fold = await spawnApp('process', { ...environment(), INSTANCE_ID: instance });
  folds.push(fold);
  return fold;
};

beforeEach(async () => {
  server = await startNatsServer();
  ingest = await spawnApp('ingest', environment());
  await eventually(async () => expect((await fetch(`${ingest.url}/health`)).status).toBe(200), 20_000);
  nc = await connect({ servers: server.url, maxReconnectAttempts: -1, reconnectTimeWait: 100 });
});

afterEach(async () => {
  await Promise.all(folds.splice(0).map((fold) => fold.stop()));
  await ingest?.stop();
  await nc?.close();
  await server?.dispose();
});

/** Posts `batches` batches of 500 trades, spread over many users, and returns how many were stored. */
async function sendTrades(batches: number, tag: string): Promise<number> {
  let stored = 0;
  for (let batch = 0; batch < batches; batch++) {
    const trades = Array.from({ length: 500 }, (_, index) => ({
      ...EXAMPLE_TRADE,
      userId: `${tag}-${(batch * 500 + index) % 97}`,
      amountSell: 100 + index,
      amountBuy: Number(((100 + index) * EXAMPLE_TRADE.rate).toFixed(4)),
      originatingCountry: ['FR', 'DE', 'GB', 'US'][index % 4],
    }));
    const response = await postJson(`${ingest.url}/transactions/batch`, trades);
    stored += response.body?.accepted?.length ?? 0;
  }
  return stored;
}

// A loaded two-core machine runs the broker, three apps and this suite: allow JetStream time.
const API_TIMEOUT = { timeout: 15_000 };
const kvTotal = () => countedInKv(nc.jetstream(API_TIMEOUT));
const streamCount = async () =>
  (await (await nc.jetstreamManager(API_TIMEOUT)).streams.info(STREAMS.transactions)).state.messages;

/** `npm run verify`'s program: recounts TRANSACTIONS and compares with KV; exit 0 when they agree. */
const verify = () =>
  promisify(execFile)(process.execPath, ['dist/tools/verify/main.js'], {
    cwd: workspaceRoot(),
    env: { ...process.env, NATS_URL: server.url },
  });

async function expectExactTotal(expected: number) {
  await eventually(async () => expect(await streamCount()).toBe(expected), 30_000);
  await eventually(async () => expect(await kvTotal()).toBe(expected), 30_000);
  const { stdout } = await verify();
  expect(stdout).toMatch(/all figures agree/);
}

test('kill -9 of process at any instant, then a restart: the total is exact', async () => {
  let fold = await startProcess('solo');
  const sending = sendTrades(12, 'kill');
  for (let crash = 0; crash < 3; crash++) {
    await eventually(async () => expect(await kvTotal()).toBeGreaterThan(crash * 1000), 20_000);
    await fold.kill();
    fold = await startProcess('solo');
  }
  const stored = await sending;
  expect(stored).toBe(6000);
  await expectExactTotal(stored);
});

test('the broker killed and restarted with its file store: the total is exact', async () => {
  await startProcess('solo');
  const before = await sendTrades(4, 'broker');
  await eventually(async () => expect(await kvTotal()).toBeGreaterThan(0), 20_000);
  await server.kill();
  await server.start();
  const after = await sendTrades(4, 'broker-after');
  await expectExactTotal(before + after);
});

test('two instances share the partitions; one killed, the other takes over: the total is exact', async () => {
  const first = await startProcess('first');
  await startProcess('second');
  const sending = sendTrades(10, 'pair');
  await eventually(async () => expect(await kvTotal()).toBeGreaterThan(1000), 20_000);
  await first.kill();
  const stored = await sending;
  await expectExactTotal(stored);
});

test('a partition value overwritten by an older one, as a lost update leaves it, is folded again from there: the total is exact', async () => {
  // nats-server 2.9 may accept two concurrent writes by the same revision on a cluster
  // (nats-server#4320), so that the later one undoes the earlier: here a blind put does the same.
  const fold = await startProcess('solo');
  const kv = await nc.jetstream(API_TIMEOUT).views.kv(BUCKETS.stats, { bindOnly: true });
  const sending = sendTrades(8, 'undone');
  const older = await eventually(async () => {
    const entry = await kv.get(partitionStatsKey(0));
    expect(entry?.json<PartitionStats>().total).toBeGreaterThan(0);
    return entry as KvEntry;
  }, 45_000);
  const stored = await sending;
  await expectExactTotal(stored);
  await kv.put(partitionStatsKey(0), older.value);
  await eventually(() => expect(fold.output()).toMatch(/partition 0's value in KV was overwritten/), 10_000);
  await expectExactTotal(stored);
}, 150_000);
