import { EXAMPLE_TRADE } from '@tradeflow/contract';
import { type PartitionStats, partitionStatsKey } from '@tradeflow/fold';
import {
  type AppProcess,
  countedInKv,
  eventually,
  getJson,
  type NatsServerHandle,
  postJson,
  publishRaw,
  spawnApp,
  startNatsServer,
  streamContents,
  workspaceRoot,
  WsClient,
} from '@tradeflow/testing';
import { acceptedSubject, BUCKETS, partitionOf, STREAMS } from '@tradeflow/topology';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { connect, type NatsConnection } from 'nats';

// A stored message that cannot be folded (not JSON, a forged trade on another partition's
// subject, a trade without its id, a trade with a negative amount, an unknown country and no date),
// published straight on tx.accepted.<n> as anything that can reach NATS can, between valid trades
// sent through ingest: it is set aside in QUARANTINE, counted as quarantined beside the checkpoint,
// moves no figure, and the partition's fold goes on. The built apps run as
// processes on a real nats-server; `verify` recounts TRANSACTIONS at the end. A partition that
// stops moving for another reason (a value in KV that cannot be read) makes process's /health
// answer 503 naming it, until it moves again, and the gateway tells its WebSocket clients.
const WORKSPACE = workspaceRoot();
const PARTITIONS = 4;
const POISONED = 1;
const STUCK_AFTER_SECONDS = 2;

let server: NatsServerHandle;
let nc: NatsConnection;
const apps: AppProcess[] = [];

const environment = () => ({ NATS_URL: server.url, TX_PARTITIONS: String(PARTITIONS) });
const start = async (app: string, extra: Record<string, string> = {}) => {
  const running = await spawnApp(app, { ...environment(), ...extra });
  apps.push(running);
  await eventually(async () => expect((await fetch(`${running.url}/health`)).status).toBe(200), 30_000);
  return running;
};

let ingest: AppProcess;
let fold: AppProcess;
let stats: AppProcess;

beforeAll(async () => {
  server = await startNatsServer();
  ingest = await start('ingest');
  fold = await start('process', { INSTANCE_ID: 'solo', FOLD_STUCK_AFTER_SECONDS: String(STUCK_AFTER_SECONDS) });
  stats = await start('stats');
  nc = await connect({ servers: server.url });
}, 90_000);

const clients: WsClient[] = [];
const openClient = async () => {
  const client = await WsClient.open(`${stats.url.replace(/^http/, 'ws')}/ws`);
  clients.push(client);
  await client.next('snapshot', 0);
  return client;
};

afterAll(async () => {
  for (const client of clients) client.close();
  await Promise.all(apps.map((app) => app.stop()));
  await nc?.close();
  await server?.dispose();
});

/** A user whose trades belong to the partition. */
function userOf(partition: number): string {
  for (let n = 0; ; n++) if (partitionOf(`user-${n}`, PARTITIONS) === partition) return `user-${n}`;
}

/** A trade in the canonical form ingest stores, for `userId`. */
const canonical = (userId: string, id: string) => ({
  id,
  ...EXAMPLE_TRADE,
  userId,
  timePlacedIso: '2018-01-24T10:27:44.000Z',
  receivedAt: new Date().toISOString(),
});

/** Posts `count` valid trades spread over many users (every partition has some) and returns how many were stored. */
async function sendTrades(count: number, tag: string): Promise<number> {
  const trades = Array.from({ length: count }, (_, index) => ({ ...EXAMPLE_TRADE, userId: `${tag}-${index}` }));
  const response = await postJson(`${ingest.url}/transactions/batch`, trades);
  return response.body?.accepted?.length ?? 0;
}

const kvTotal = () => countedInKv(nc.jetstream());
const partitionValue = async (partition: number) => {
  const kv = await nc.jetstream().views.kv(BUCKETS.stats, { bindOnly: true });
  return (await kv.get(partitionStatsKey(partition)))?.json<PartitionStats>();
};
/** Every message TRANSACTIONS holds on a subject, as text (some are not JSON). */
async function storedOn(subject: string): Promise<{ seq: number; text: string }[]> {
  const jsm = await nc.jetstreamManager();
  const { state } = await jsm.streams.info(STREAMS.transactions);
  const found: { seq: number; text: string }[] = [];
  for (let seq = state.first_seq; seq <= state.last_seq; seq++) {
    const message = await jsm.streams.getMessage(STREAMS.transactions, { seq });
    if (message.subject === subject) found.push({ seq, text: new TextDecoder().decode(message.data) });
  }
  return found;
}

/** `npm run verify`'s program: recounts TRANSACTIONS and compares with KV; exit 0 when they agree. */
const verify = () =>
  promisify(execFile)(process.execPath, ['dist/tools/verify/main.js'], {
    cwd: WORKSPACE,
    env: { ...process.env, NATS_URL: server.url, TX_PARTITIONS: String(PARTITIONS) },
  });

interface QuarantineRecord {
  partition: number;
  seq: number;
  subject: string;
  reason: string;
  payload: string;
}

test('messages that cannot be folded are set aside in QUARANTINE, counted as quarantined, and the fold goes on', async () => {
  const before = await sendTrades(60, 'before');
  expect(before).toBe(60);
  await eventually(async () => expect(await kvTotal()).toBe(before), 20_000);

  const subject = acceptedSubject(POISONED);
  const forged = JSON.stringify(canonical(userOf(POISONED + 1), 'forged-1'));
  const withoutId: Record<string, unknown> = canonical(userOf(POISONED), 'no-id');
  delete withoutId['id'];
  await publishRaw(server.url, subject, 'not json at all');
  await publishRaw(server.url, subject, forged);
  await publishRaw(server.url, subject, JSON.stringify(withoutId));
  await eventually(async () => expect((await storedOn(subject)).length).toBeGreaterThanOrEqual(3));

  const after = await sendTrades(60, 'after');
  expect(after).toBe(60);
  // Partition 1 has valid trades after the bad ones, and counts them.
  const stored = await storedOn(subject);
  const badSeqs = stored
    .filter(({ text }) => !text.includes('"receivedAt"') || !/"id":"[0-9a-f-]{36}"/.test(text))
    .map(({ seq }) => seq);
  expect(badSeqs).toHaveLength(3);
  const lastOfPartition = stored[stored.length - 1].seq;
  expect(lastOfPartition).toBeGreaterThan(badSeqs[2]);
  await eventually(async () => expect(await kvTotal()).toBe(before + after), 20_000);
  const value = await eventually(async () => {
    const stats = await partitionValue(POISONED);
    expect(stats?.lastSeq).toBe(lastOfPartition);
    return stats as PartitionStats;
  });
  expect(value.quarantined).toBe(3);
  for (const partition of [0, 2, 3]) expect((await partitionValue(partition))?.quarantined).toBe(0);

  const records = await streamContents<QuarantineRecord>(nc, STREAMS.quarantine);
  expect(records.map((record) => record.data)).toEqual([
    expect.objectContaining({
      partition: POISONED,
      seq: badSeqs[0],
      subject,
      payload: 'not json at all',
      reason: expect.stringMatching(/^not JSON/),
    }),
    expect.objectContaining({
      partition: POISONED,
      seq: badSeqs[1],
      subject,
      payload: forged,
      reason: `userId ${userOf(POISONED + 1)} belongs to partition ${POISONED + 1}, not ${POISONED}`,
    }),
    expect.objectContaining({
      partition: POISONED,
      seq: badSeqs[2],
      subject,
      reason: expect.stringContaining('id is required'),
    }),
  ]);
  expect(records.map((record) => record.headers['Nats-Msg-Id'])).toEqual(badSeqs.map((seq) => `TRANSACTIONS:${seq}`));

  // The gateway counts them beside the refused submissions.
  const client = await openClient();
  await eventually(() => expect(client.messages.at(-1)?.data.quarantined).toBe(3));
  expect(client.messages[0].data).toMatchObject({ total: before + after, refused: 0 });
  expect(client.messages[0].data.health).toEqual({ status: 'ok', partitions: {} });

  const { stdout } = await verify();
  expect(stdout).toContain(`partition ${POISONED}: 3 quarantined`);
  expect(stdout).toMatch(
    new RegExp(`verified: ${before + after} trades, 3 quarantined, ${PARTITIONS} keys, all figures agree`),
  );
}, 60_000);

test("a partition that cannot move makes process's /health answer 503 naming it and why, and 200 once it moves again", async () => {
  const health = () => getJson(`${fold.url}/health`);
  const client = await openClient();
  const healthy = await health();
  expect(healthy.status).toBe(200);
  expect(healthy.body.info.fold).toEqual({ status: 'up', instance: 'solo', folding: [0, 1, 2, 3] });

  // A value of the partition that cannot be read: its fold fails on it, again and again.
  const kv = await nc.jetstream().views.kv(BUCKETS.stats, { bindOnly: true });
  await kv.put(partitionStatsKey(POISONED), new TextEncoder().encode('garbage'));
  const stuck = await eventually(async () => {
    const answer = await health();
    expect(answer.status).toBe(503);
    return answer;
  }, 20_000);
  expect(stuck.body.status).toBe('error');
  expect(stuck.body.error.fold).toEqual({
    status: 'down',
    instance: 'solo',
    folding: [0, 1, 2, 3],
    partitions: { [POISONED]: expect.stringMatching(/^no progress for \d+ s: .*not valid JSON/) },
  });
  expect(stuck.body.info.jetstream).toEqual({ status: 'up' });
  expect(fold.output()).toMatch(/folding failed, resuming from the KV checkpoint/);
  // process tells the gateway, which tells its clients: not live, degraded, and why.
  const degraded = await client.next('health', 0);
  expect(degraded.data).toEqual({
    status: 'degraded',
    partitions: { [POISONED]: { reason: expect.stringMatching(/not valid JSON/), since: expect.any(String) } },
  });
  expect(Date.parse(degraded.data.partitions[POISONED].since)).toBeLessThan(Date.now() - STUCK_AFTER_SECONDS * 1000);
  const late = await openClient();
  expect(late.messages[0].data.health).toEqual(degraded.data);

  // Removed: the fold starts the partition over from the first message, and it moves again.
  await kv.delete(partitionStatsKey(POISONED));
  await eventually(async () => expect((await health()).status).toBe(200), 20_000);
  await eventually(() => expect(client.events('health').at(-1)).toEqual({ status: 'ok', partitions: {} }));
  expect(
    client
      .events('health')
      .slice(0, -1)
      .every((data: { status: string }) => data.status === 'degraded'),
  ).toBe(true);
  const stats = await eventually(async () => {
    const value = await partitionValue(POISONED);
    expect(value?.quarantined).toBe(3);
    return value as PartitionStats;
  });
  expect(stats.total).toBeGreaterThan(0);
  // Set aside again as it was folded again: recorded once all the same.
  expect(await streamContents(nc, STREAMS.quarantine)).toHaveLength(3);
  const { stdout } = await verify();
  expect(stdout).toMatch(/3 quarantined, 4 keys, all figures agree/);
}, 60_000);

test('a forged trade with a negative amount, an unknown country and no date is set aside: no figure moves, none goes negative', async () => {
  const partition = POISONED + 1;
  const countedBefore = await kvTotal();
  const valueBefore = (await partitionValue(partition)) as PartitionStats;
  // Well-formed otherwise: an id, the partition's own user, the canonical fields.
  const forged = JSON.stringify({
    ...canonical(userOf(partition), 'forged-negative'),
    amountSell: -999999999,
    originatingCountry: 'ZZ',
    timePlaced: 'x',
  });
  await publishRaw(server.url, acceptedSubject(partition), forged);
  const after = await sendTrades(20, 'after-forged');
  expect(after).toBe(20);

  await eventually(async () => expect(await kvTotal()).toBe(countedBefore + after), 20_000);
  const value = await eventually(async () => {
    const stats = await partitionValue(partition);
    expect(stats?.quarantined).toBe(valueBefore.quarantined + 1);
    return stats as PartitionStats;
  });
  expect(value.total).toBeGreaterThan(valueBefore.total);
  const records = await streamContents<QuarantineRecord>(nc, STREAMS.quarantine);
  expect(records.at(-1)?.data).toEqual(
    expect.objectContaining({
      partition,
      subject: acceptedSubject(partition),
      payload: forged,
      reason: expect.stringMatching(/^not a trade in canonical form: /),
    }),
  );
  for (const field of ['amountSell', 'originatingCountry', 'timePlaced'])
    expect(records.at(-1)?.data.reason).toContain(field);

  const values = await Promise.all(Array.from({ length: PARTITIONS }, (_, n) => partitionValue(n)));
  for (const stats of values) {
    expect(Object.keys(stats?.countries ?? {})).not.toContain('ZZ');
    for (const pair of Object.values(stats?.pairs ?? {})) {
      expect(pair.sold).not.toMatch(/^-/);
      expect(pair.bought).not.toMatch(/^-/);
    }
  }
  const { stdout } = await verify();
  expect(stdout).toContain(`partition ${partition}: 1 quarantined`);
  expect(stdout).toMatch(
    new RegExp(`verified: ${countedBefore + after} trades, 4 quarantined, ${PARTITIONS} keys, all figures agree`),
  );
}, 60_000);
