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
  workspaceRoot,
} from '@tradeflow/testing';
import { BUCKETS, STREAMS, SUBJECTS } from '@tradeflow/topology';
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { connect, createInbox, JSONCodec, type Msg, type NatsConnection, StringCodec } from 'nats';

// The users and permissions of docker/nats/authorization.conf on a real nats-server, configured as
// `npm start` configures it (tools/nats-auth.mjs writes the file, here for a temporary folder). The
// built apps, each logged in as its own user, run the whole pipeline and verify agrees; every nats
// CLI recipe of the README works without credentials, spoken as the CLI speaks it; and what a user
// must not do is refused by the server, with nothing stored.
type User = 'ingest' | 'process' | 'stats' | 'verify';

const WORKSPACE = workspaceRoot();
const sc = StringCodec();
const jc = JSONCodec<Record<string, unknown>>();
const stateDir = mkdtempSync(join(tmpdir(), 'tradeflow-nats-auth-'));
const written = JSON.parse(
  execFileSync(process.execPath, [join(WORKSPACE, 'tools/nats-auth.mjs'), stateDir], { encoding: 'utf8' }),
) as { credentialsFile: string; configFile: string };
const passwords = JSON.parse(readFileSync(written.credentialsFile, 'utf8')) as Record<User, string>;

let server: NatsServerHandle;
const apps: Partial<Record<User, AppProcess>> = {};
const connections: NatsConnection[] = [];
let anonymous: NatsConnection;

const urlAs = (user: User) => server.url.replace('nats://', `nats://${user}:${passwords[user]}@`);
const connectAs = async (user: User) => {
  const nc = await connect({ servers: server.url, user, pass: passwords[user] });
  connections.push(nc);
  return nc;
};
/** A JetStream API request as the nats CLI sends it, answered with JetStream's JSON. */
const api = async (nc: NatsConnection, subject: string, body: object = {}) =>
  jc.decode((await nc.request(subject, jc.encode(body as Record<string, unknown>), { timeout: 5000 })).data);
/** What the server says when `subject` may not be published to. */
const refusal = (subject: string) => `Permissions Violation for Publish to "${subject}"`;
/** The streams `nats stream view` pages through without credentials. */
const VIEWED_STREAMS = [STREAMS.transactions, STREAMS.rejected, STREAMS.quarantine, STREAMS.flags];
/** A user's second trade in a window of receivedAt is flagged, so that the pipeline raises a flag. */
const DETECTORS = { VELOCITY_MAX_TRADES: '1' };
const messagesIn = async (stream: string) =>
  ((await api(anonymous, `$JS.API.STREAM.INFO.${stream}`)) as { state: { messages: number } }).state.messages;

beforeAll(async () => {
  server = await startNatsServer({ configFile: written.configFile });
  for (const app of ['ingest', 'process', 'stats'] as const) {
    apps[app] = await spawnApp(app, { NATS_URL: urlAs(app), ...DETECTORS });
  }
  for (const app of Object.values(apps)) {
    await eventually(async () => expect((await fetch(`${app.url}/health`)).status).toBe(200), 30_000);
  }
  anonymous = await connect({ servers: server.url });
  connections.push(anonymous);
}, 90_000);

afterAll(async () => {
  await Promise.all(Object.values(apps).map((app) => app.stop()));
  await Promise.all(connections.map((nc) => nc.close()));
  await server?.dispose();
  rmSync(stateDir, { recursive: true, force: true });
});

test('tools/nats-auth.mjs keeps the passwords and the configuration to their owner', () => {
  for (const file of [written.credentialsFile, written.configFile]) expect(statSync(file).mode & 0o777).toBe(0o600);
  expect(statSync(join(stateDir, 'tmp/nats')).mode & 0o777).toBe(0o700);
  expect(Object.keys(passwords).sort()).toEqual(['ingest', 'process', 'stats', 'verify']);
  const config = readFileSync(written.configFile, 'utf8');
  for (const password of Object.values(passwords)) expect(config).toContain(`password: "${password}"`);
  expect(config).not.toMatch(/\$NATS_/);
});

test('the apps, each as its own user, store, fold, quarantine, flag and announce; verify, as its user, agrees', async () => {
  const updates = anonymous.subscribe(SUBJECTS.statsUpdates); // nats sub stats.updates
  const flags = anonymous.subscribe(SUBJECTS.flags); // nats sub 'flags.>'
  // With an Idempotency-Key, remembered in the KV bucket idempotency: sent twice, stored once.
  const first = await postJson(`${apps.ingest!.url}/transactions`, EXAMPLE_TRADE, { 'Idempotency-Key': 'auth-1' });
  const again = await postJson(`${apps.ingest!.url}/transactions`, EXAMPLE_TRADE, { 'Idempotency-Key': 'auth-1' });
  expect([first.status, again.status, again.body.id]).toEqual([202, 202, first.body.id]);
  await publishRaw(server.url, SUBJECTS.submit, JSON.stringify({ ...EXAMPLE_TRADE, userId: 'from-cli' }));
  // Two trades of one user in one request, one instant: the second is flagged.
  const twice = { ...EXAMPLE_TRADE, userId: 'twice' };
  expect((await postJson(`${apps.ingest!.url}/transactions/batch`, [twice, twice])).status).toBe(202);
  // ingest may publish on a partition's subject: a message there that is no trade is set aside by process.
  const ingest = await connectAs('ingest');
  await ingest.jetstream().publish('tx.accepted.0', sc.encode('not a trade'));
  await postJson(`${apps.ingest!.url}/transactions`, { ...EXAMPLE_TRADE, rate: -1 });

  const verify = (await connectAs('verify')).jetstream();
  await eventually(async () => expect(await countedInKv(verify)).toBe(4), 20_000);
  await eventually(async () => expect(await messagesIn(STREAMS.quarantine)).toBe(1), 20_000);
  expect(await messagesIn(STREAMS.flags)).toBe(1);
  for await (const flag of flags) {
    expect(flag.subject).toMatch(/^flags\.velocity\.\d+$/);
    expect(jc.decode(flag.data)).toMatchObject({ kind: 'velocity', trade: { userId: 'twice' } });
    break;
  }
  expect(await messagesIn(STREAMS.rejected)).toBe(1);
  for await (const update of updates) {
    expect(jc.decode(update.data)).toMatchObject({ partition: expect.any(Number) });
    break;
  }
  // npm run verify, as its user and as the README runs it, without credentials.
  for (const natsUrl of [urlAs('verify'), server.url]) {
    const { stdout } = await promisify(execFile)(process.execPath, ['dist/tools/verify/main.js'], {
      cwd: WORKSPACE,
      env: { ...process.env, NATS_URL: natsUrl, ...DETECTORS },
    });
    expect(stdout).toMatch(
      /verified: 4 trades, 1 quarantined, \d+ keys?, 1 flag \(0 off-market, 1 velocity\), all figures agree/,
    );
  }
});

describe('without credentials (the nats CLI of the README)', () => {
  it('may not publish on tx.accepted.<n> (PUB as the CLI sends it): refused, and nothing is stored', async () => {
    const before = await messagesIn(STREAMS.transactions);
    await expect(publishRaw(server.url, 'tx.accepted.0', JSON.stringify(EXAMPLE_TRADE))).rejects.toThrow(
      refusal('tx.accepted.0'),
    );
    expect(await messagesIn(STREAMS.transactions)).toBe(before);
  });

  it.each([
    ['tx.rejected', '{}'],
    ['tx.quarantined', '{}'],
    ['flags.velocity.0', '{}'],
    ['stats.updates', '{}'],
    ['stats.status', '{}'],
    ['$KV.stats.partitions.0', '{"lastSeq":0,"total":1000000}'],
    ['$KV.leases.partitions.0', 'intruder'],
    ['$KV.idempotency.trade.key', '{}'],
    ['$JS.ACK.SUBMISSIONS.ingest.1.1.1.0.0', '+ACK'],
  ])('may not publish on %s', async (subject, payload) => {
    await expect(publishRaw(server.url, subject, payload)).rejects.toThrow(refusal(subject));
  });

  it.each([
    `$JS.API.STREAM.DELETE.${STREAMS.transactions}`,
    `$JS.API.STREAM.PURGE.${STREAMS.transactions}`,
    `$JS.API.STREAM.MSG.DELETE.${STREAMS.transactions}`,
    `$JS.API.STREAM.UPDATE.${STREAMS.transactions}`,
    '$JS.API.STREAM.CREATE.ANYTHING',
    `$JS.API.STREAM.DELETE.KV_${BUCKETS.stats}`,
    `$JS.API.STREAM.PURGE.KV_${BUCKETS.stats}`,
    `$JS.API.CONSUMER.DELETE.${STREAMS.submissions}.ingest`,
    `$JS.API.CONSUMER.CREATE.${STREAMS.submissions}.ingest`,
    `$JS.API.CONSUMER.MSG.NEXT.${STREAMS.submissions}.ingest`,
    `$JS.API.CONSUMER.DELETE.${STREAMS.transactions}.any`,
  ])('may not ask JetStream for %s', async (subject) => {
    await expect(api(anonymous, subject)).rejects.toThrow(refusal(subject));
  });

  it('may not subscribe to tx.submit', async () => {
    const refused = new Promise((resolve) =>
      anonymous.subscribe(SUBJECTS.submit, { callback: (error) => resolve(error?.message) }),
    );
    expect(await refused).toContain('Permissions Violation for Subscription to "tx.submit"');
  });

  it("nats pub tx.submit, with and without Idempotency-Key, and nats req tx.submit: each submission's place in SUBMISSIONS", async () => {
    const before = await messagesIn(STREAMS.transactions);
    const trade = JSON.stringify({ ...EXAMPLE_TRADE, userId: 'recipe' });
    await publishRaw(server.url, SUBJECTS.submit, trade, { 'Idempotency-Key': 'order-2' });
    await publishRaw(server.url, SUBJECTS.submit, trade, { 'Idempotency-Key': 'order-2' });
    const answer = jc.decode((await anonymous.request(SUBJECTS.submit, sc.encode(trade), { timeout: 5000 })).data);
    expect(answer).toEqual({ stream: STREAMS.submissions, seq: expect.any(Number) });
    await eventually(async () => expect(await messagesIn(STREAMS.transactions)).toBe(before + 2), 20_000);
  });

  it('nats stream info TRANSACTIONS', async () => {
    expect(await api(anonymous, `$JS.API.STREAM.INFO.${STREAMS.transactions}`)).toMatchObject({
      config: { name: STREAMS.transactions },
    });
  });

  // The CLI's pager: a consumer of its own (named, in memory, gone after an hour unused), pages
  // pulled with no_wait and each message acknowledged; its closing delete is refused.
  it.each(VIEWED_STREAMS)('nats stream view %s', async (stream) => {
    const name = `stream_pager_${process.pid}${Date.now()}`;
    const created = await api(anonymous, `$JS.API.CONSUMER.CREATE.${stream}.${name}.>`, {
      stream_name: stream,
      config: {
        name,
        durable_name: name,
        description: 'JSM Stream Pager',
        deliver_policy: 'all',
        ack_policy: 'explicit',
        filter_subject: '>',
        inactive_threshold: 3600e9,
        mem_storage: true,
        num_replicas: 1,
      },
    });
    expect(created).toMatchObject({ name });
    const page = await pullPage(stream, name);
    expect(page.length).toBeGreaterThan(0);
    for (const message of page) message.respond(); // +ACK
    await anonymous.flush();
    await eventually(async () =>
      expect(await api(anonymous, `$JS.API.CONSUMER.INFO.${stream}.${name}`)).toMatchObject({ num_ack_pending: 0 }),
    );
    const remove = `$JS.API.CONSUMER.DELETE.${stream}.${name}`;
    await expect(api(anonymous, remove)).rejects.toThrow(refusal(remove));
  });

  it('nats kv ls stats: the keys, by a consumer of its own as nats.js makes it and as the CLI names it', async () => {
    const kv = await anonymous.jetstream().views.kv(BUCKETS.stats, { bindOnly: true });
    const keys: string[] = [];
    for await (const key of await kv.keys()) keys.push(key);
    expect(keys).toContain('partitions.0');

    const deliver = createInbox();
    const entries = anonymous.subscribe(deliver, { max: 1 });
    const name = `kv_ls_${process.pid}`;
    await api(anonymous, `$JS.API.CONSUMER.CREATE.KV_${BUCKETS.stats}.${name}.$KV.stats.>`, {
      stream_name: `KV_${BUCKETS.stats}`,
      config: {
        name,
        deliver_subject: deliver,
        deliver_policy: 'last_per_subject',
        ack_policy: 'none',
        filter_subject: '$KV.stats.>',
        headers_only: true,
        flow_control: true,
        idle_heartbeat: 5e9,
        mem_storage: true,
        num_replicas: 1,
      },
    });
    for await (const entry of entries) expect(entry.subject).toMatch(/^\$KV\.stats\./);
  });

  it('nats kv get stats partitions.0: by direct get, as the CLI asks, and by message get, as nats.js does', async () => {
    const direct = await anonymous.request(`$JS.API.DIRECT.GET.KV_${BUCKETS.stats}.$KV.stats.partitions.0`, undefined, {
      timeout: 5000,
    });
    expect(direct.headers?.get('Nats-Subject')).toBe('$KV.stats.partitions.0');
    expect(JSON.parse(sc.decode(direct.data))).toMatchObject({ total: expect.any(Number) });
    const kv = await anonymous.jetstream().views.kv(BUCKETS.stats, { bindOnly: true });
    expect((await kv.get('partitions.0'))?.json()).toMatchObject({ total: expect.any(Number) });
  });
});

describe("an app's user may do only what the app does", () => {
  it.each([
    ['ingest', '$KV.stats.partitions.0'],
    ['ingest', SUBJECTS.statsUpdates],
    ['ingest', SUBJECTS.submit],
    ['ingest', 'flags.off-market.0'],
    ['ingest', `$JS.API.STREAM.DELETE.${STREAMS.transactions}`],
    ['ingest', `$JS.API.STREAM.PURGE.${STREAMS.transactions}`],
    ['ingest', `$JS.API.STREAM.MSG.DELETE.${STREAMS.transactions}`],
    ['ingest', `$JS.API.CONSUMER.CREATE.KV_${BUCKETS.stats}`],
    ['process', 'tx.accepted.0'],
    ['process', SUBJECTS.rejected],
    ['process', `$JS.API.STREAM.DELETE.${STREAMS.transactions}`],
    ['process', `$JS.API.STREAM.MSG.DELETE.${STREAMS.transactions}`],
    ['process', `$JS.API.STREAM.PURGE.KV_${BUCKETS.stats}`],
    ['process', `$JS.API.CONSUMER.DELETE.${STREAMS.submissions}.ingest`],
    ['process', `$JS.API.STREAM.PURGE.${STREAMS.flags}`],
    ['stats', 'tx.accepted.0'],
    ['stats', SUBJECTS.statsUpdates],
    ['stats', 'flags.velocity.0'],
    ['stats', '$KV.leases.partitions.0'],
    ['stats', `$JS.API.STREAM.DELETE.KV_${BUCKETS.stats}`],
    ['verify', 'tx.accepted.0'],
    ['verify', '$KV.stats.partitions.0'],
    ['verify', 'flags.velocity.0'],
    ['verify', `$JS.API.STREAM.PURGE.${STREAMS.transactions}`],
    ['verify', `$JS.API.CONSUMER.DELETE.${STREAMS.transactions}.any`],
  ] as [User, string][])('%s may not publish on %s', async (user, subject) => {
    await expect(api(await connectAs(user), subject)).rejects.toThrow(refusal(subject));
  });

  it('stats may not write the KV bucket stats it reads: refused, and the value stays', async () => {
    const kv = await (await connectAs('stats')).jetstream().views.kv(BUCKETS.stats, { bindOnly: true });
    const reader = await anonymous.jetstream().views.kv(BUCKETS.stats, { bindOnly: true });
    const before = await reader.get('partitions.0');
    await expect(kv.put('partitions.0', sc.encode('{"total":1000000}'))).rejects.toThrow(
      refusal('$KV.stats.partitions.0'),
    );
    expect((await reader.get('partitions.0'))?.revision).toBe(before?.revision);
  });

  it.each([
    ['ingest', SUBJECTS.submit],
    ['process', SUBJECTS.statsUpdates],
    ['verify', SUBJECTS.statsUpdates],
  ] as [User, string][])('%s may not subscribe to %s', async (user, subject) => {
    const nc = await connectAs(user);
    const refused = new Promise((resolve) => nc.subscribe(subject, { callback: (error) => resolve(error?.message) }));
    expect(await refused).toContain(`Permissions Violation for Subscription to "${subject}"`);
  });

  it('a wrong password is refused', async () => {
    await expect(connect({ servers: server.url, user: 'ingest', pass: `${passwords.ingest}x` })).rejects.toThrow(
      'Authorization Violation',
    );
  });
});

/** One page of the CLI's pager: up to 25 messages, pulled with no_wait, until the end of the stream. */
async function pullPage(stream: string, consumer: string): Promise<Msg[]> {
  const inbox = createInbox();
  const page: Msg[] = [];
  const subscription = anonymous.subscribe(inbox, { timeout: 5000 });
  anonymous.publish(`$JS.API.CONSUMER.MSG.NEXT.${stream}.${consumer}`, jc.encode({ batch: 25, no_wait: true }), {
    reply: inbox,
  });
  for await (const message of subscription) {
    if (message.headers?.code === 404 || message.headers?.code === 408) break; // the end, as the pager reads it
    page.push(message);
  }
  subscription.unsubscribe();
  return page;
}
