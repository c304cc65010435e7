import { EXAMPLE_TRADE, type Flag, type TradeFields } from '@tradeflow/contract';
import { type PartitionStats, partitionStatsKey } from '@tradeflow/fold';
import {
  type AppProcess,
  countedInKv,
  eventually,
  postJson,
  spawnApp,
  startNatsServer,
  type NatsServerHandle,
  streamContents,
  workspaceRoot,
} from '@tradeflow/testing';
import { BUCKETS, flagSubject, partitionOf, STREAMS, SUBJECTS } from '@tradeflow/topology';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { connect, JSONCodec, type NatsConnection } from 'nats';

// The fold's detectors on the built apps and a real nats-server: an off-market rate and a burst
// from one user are flagged in FLAGS right after their 202, normal trades are not; process killed
// with SIGKILL mid-stream, then a replay of the whole stream into an emptied bucket, raise the
// same flags, each stored once, and the same figures; verify agrees, and names a flag deleted or
// forged. The thresholds are the defaults: a pair's median over its last 50 rates in the
// partition once it has 20, 3 %; more than 20 trades of a user in a minute of receivedAt.
const PARTITIONS = 4;
const LEASES = { LEASE_TTL_SECONDS: '2', LEASE_RENEW_MS: '250' };
const MARKET = EXAMPLE_TRADE.rate;
const jc = JSONCodec<Flag>();

let server: NatsServerHandle;
let nc: NatsConnection;
let ingest: AppProcess;
let fold: AppProcess;

const environment = () => ({ NATS_URL: server.url, TX_PARTITIONS: String(PARTITIONS), ...LEASES });
const startProcess = async (instance: string) => {
  fold = await spawnApp('process', { ...environment(), INSTANCE_ID: instance });
  await eventually(async () => expect((await fetch(`${fold.url}/health`)).status).toBe(200), 30_000);
};

beforeAll(async () => {
  server = await startNatsServer();
  ingest = await spawnApp('ingest', environment());
  await eventually(async () => expect((await fetch(`${ingest.url}/health`)).status).toBe(200), 30_000);
  await startProcess('first');
  nc = await connect({ servers: server.url });
}, 90_000);

afterAll(async () => {
  await fold?.stop();
  await ingest?.stop();
  await nc?.close();
  await server?.dispose();
});

/** The `n`th user (from 0) whose trades are on `partition`. */
function userOn(partition: number, n: number, tag: string): string {
  for (let i = 0, found = 0; ; i++) {
    const user = `${tag}-${i}`;
    if (partitionOf(user, PARTITIONS) === partition && found++ === n) return user;
  }
}

/** A valid EUR-GBP trade of `userId` at `rate`. */
const tradeAt = (userId: string, rate: number, amountSell = 1000): TradeFields => ({
  ...EXAMPLE_TRADE,
  userId,
  amountSell,
  rate,
  amountBuy: Number((amountSell * rate).toFixed(2)),
});

/** Stores trades in one request; the ids of those stored, in order. */
async function post(trades: TradeFields[]): Promise<string[]> {
  const { status, body } = await postJson(`${ingest.url}/transactions/batch`, trades);
  expect(status).toBe(202);
  expect(body.accepted).toHaveLength(trades.length);
  return (body.accepted as { id: string }[]).map(({ id }) => id);
}

const storedFlags = async () => (await streamContents<Flag>(nc, STREAMS.flags)).map(({ data }) => data);
const flagIds = async () => (await storedFlags()).map((flag) => flag.id).sort();
const kvTotal = () => countedInKv(nc.jetstream());
const streamCount = async () => (await (await nc.jetstreamManager()).streams.info(STREAMS.transactions)).state.messages;
const partitionValues = async () => {
  const kv = await nc.jetstream().views.kv(BUCKETS.stats, { bindOnly: true });
  const values: (PartitionStats | undefined)[] = [];
  for (let partition = 0; partition < PARTITIONS; partition++) {
    values.push((await kv.get(partitionStatsKey(partition)))?.json<PartitionStats>());
  }
  return values;
};
const caughtUp = async () => {
  const stored = await streamCount();
  await eventually(async () => expect(await kvTotal()).toBe(stored), 30_000);
  return stored;
};

/** `npm run verify`'s program: its exit status (0 agree, 1 something differs) and what it printed. */
const verify = () =>
  promisify(execFile)(process.execPath, ['dist/tools/verify/main.js'], {
    cwd: workspaceRoot(),
    env: { ...process.env, NATS_URL: server.url, TX_PARTITIONS: String(PARTITIONS) },
  }).then(
    ({ stdout }) => ({ code: 0, stdout }),
    (error: { code: number; stdout: string }) => ({ code: error.code, stdout: error.stdout }),
  );

test('an off-market trade and a burst from one user are flagged within a second of their 202; normal trades are not', async () => {
  // Partition 0's EUR-GBP window fills with 30 rates within 1 % of the market, from 30 users.
  const normal = Array.from({ length: 30 }, (_, n) =>
    tradeAt(userOn(0, n, 'normal'), MARKET * (1 + ((n % 5) - 2) / 250)),
  );
  await post(normal);
  await caughtUp();
  expect(await flagIds()).toEqual([]);

  const [offMarket] = await post([tradeAt(userOn(0, 30, 'normal'), MARKET * 1.1)]);
  await eventually(async () => expect(await flagIds()).toEqual([`off-market:${offMarket}`]), 1000);

  // 25 trades of one user in one request: one receivedAt, one window; the 21st goes over.
  const burst = await post(Array.from({ length: 25 }, (_, n) => tradeAt('fast', MARKET, 100 + n)));
  const [stored] = await eventually(async () => {
    const flags = await storedFlags();
    expect(flags.map((flag) => flag.id).sort()).toEqual([`off-market:${offMarket}`, `velocity:${burst[20]}`].sort());
    return [flags];
  }, 1000);

  expect(stored.find((flag) => flag.kind === 'off-market')).toMatchObject({
    trade: { id: offMarket },
    reference: MARKET,
    deviationPercent: 10,
    window: 30,
  });
  expect(stored.find((flag) => flag.kind === 'velocity')).toMatchObject({
    trade: { id: burst[20], userId: 'fast' },
    trades: 21,
    sold: {},
    exceeded: ['21 trades > 20'],
  });
  const messages = await streamContents<Flag>(nc, STREAMS.flags);
  expect(messages.map(({ subject, headers }) => [subject, headers['Nats-Msg-Id']])).toEqual(
    stored.map((flag) => [flagSubject(flag.kind, partitionOf(flag.trade.userId, PARTITIONS)), flag.id]),
  );
  expect((await verify()).stdout).toMatch(/2 flags \(1 off-market, 1 velocity\), all figures agree/);
}, 60_000);

/** Posts `batches` requests of 200 trades: 40 users, each over the limit in every minute, and one rate in 37 off-market. */
async function sendStream(batches: number, tag: string): Promise<number> {
  let sent = 0;
  for (let batch = 0; batch < batches; batch++) {
    const trades = Array.from({ length: 200 }, (_, n) => {
      const index = batch * 200 + n;
      return tradeAt(`${tag}-${index % 40}`, index % 37 === 0 ? MARKET * 1.08 : MARKET * (1 + ((index % 7) - 3) / 500));
    });
    sent += (await post(trades)).length;
  }
  return sent;
}

test('kill -9 of process mid-stream, and a replay of the whole stream into an emptied bucket, raise the same flags, each stored once', async () => {
  const sending = sendStream(25, 'stream');
  for (let crash = 1; crash <= 2; crash++) {
    await eventually(async () => expect(await kvTotal()).toBeGreaterThan(crash * 1500), 30_000);
    await fold.kill();
    await startProcess(`restarted-${crash}`);
  }
  expect(await sending).toBe(5000);
  await caughtUp();
  const flags = await storedFlags();
  const ids = flags.map((flag) => flag.id);
  expect(new Set(ids).size).toBe(ids.length);
  expect(flags.filter((flag) => flag.kind === 'off-market').length).toBeGreaterThan(100);
  expect(flags.filter((flag) => flag.kind === 'velocity').length).toBeGreaterThanOrEqual(40);
  const { code, stdout } = await verify();
  expect(stdout).toMatch(new RegExp(`${ids.length} flags \\(\\d+ off-market, \\d+ velocity\\), all figures agree`));
  expect(code).toBe(0);

  // The replay: no value in KV, a new process folds the stream from the start.
  const figures = await partitionValues();
  await fold.stop();
  await (await nc.jetstreamManager()).streams.delete(`KV_${BUCKETS.stats}`);
  const raised: string[] = [];
  const published = nc.subscribe(SUBJECTS.flags, { callback: (_, message) => raised.push(jc.decode(message.data).id) });
  await startProcess('replay');
  await caughtUp();
  await nc.flush();
  published.unsubscribe();
  // Published again, each flag is stored once: FLAGS drops a repeated id.
  expect([...new Set(raised)].sort()).toEqual([...ids].sort());
  expect(await flagIds()).toEqual([...ids].sort());
  expect(await partitionValues()).toEqual(figures);
  expect((await verify()).code).toBe(0);
}, 180_000);

test('verify names a flag deleted from FLAGS and one forged there', async () => {
  const jsm = await nc.jetstreamManager();
  const messages = await streamContents<Flag>(nc, STREAMS.flags);
  const deleted = messages[messages.length - 1];
  await jsm.streams.deleteMessage(STREAMS.flags, deleted.sequence);
  const forged: Flag = {
    ...messages[0].data,
    id: 'off-market:forged',
    trade: { ...messages[0].data.trade, id: 'forged' },
  };
  await nc.jetstream().publish(messages[0].subject, jc.encode(forged));

  const { code, stdout } = await verify();
  expect(code).toBe(1);
  expect(stdout).toContain(`flag ${deleted.data.id}: expected {"subject":"${deleted.subject}"`);
  expect(stdout).toContain('FLAGS has nothing');
  expect(stdout).toContain(`flag off-market:forged: expected nothing, FLAGS has {"subject":"${messages[0].subject}"`);
  expect(stdout).toMatch(/FAILED: 2 flags differ/);
});
