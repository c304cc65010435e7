import { EXAMPLE_TRADE } from '@tradeflow/contract';
import { countedInKv, eventually, freePort, getJson, postJson, publishRaw, workspaceRoot } from '@tradeflow/testing';
import { STREAMS } from '@tradeflow/topology';
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { connect as connectTcp } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from 'nats';

// `npm start` as a user runs it (node tools/start.mjs), on free ports and with its state in a
// temporary folder: its nats-server admits each app as its own user, the apps get healthy, a trade
// is counted, a client without credentials may not publish on tx.accepted.<n>, no password is
// printed, nats-server's monitoring answers on loopback, and SIGTERM stops everything in bounded time.
const WORKSPACE = workspaceRoot();
/** Building every project (cached after `npm test`'s build) and starting the apps. */
const READY_WITHIN_MS = 240_000;
const STOPPED_WITHIN_MS = 40_000;

const stateDir = mkdtempSync(join(tmpdir(), 'tradeflow-start-'));
let start: ChildProcess;
let output = '';
let ports: Record<'NATS_PORT' | 'NATS_MONITOR_PORT' | 'INGEST_PORT' | 'STATS_PORT' | 'PROCESS_PORT', number>;
/** Whether something still listens on 127.0.0.1:port. */
const listening = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connectTcp(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
const exited = () => new Promise<number | null>((resolve) => start.once('exit', (code) => resolve(code)));

beforeAll(async () => {
  const [NATS_PORT, NATS_MONITOR_PORT, INGEST_PORT, STATS_PORT, PROCESS_PORT] = await Promise.all(
    Array.from({ length: 5 }, freePort),
  );
  ports = { NATS_PORT, NATS_MONITOR_PORT, INGEST_PORT, STATS_PORT, PROCESS_PORT };
  // Without NATS_URL: start.mjs runs its own server.
  const { NATS_URL: _external, ...inherited } = process.env;
  const environment = { ...inherited, START_STATE_DIR: stateDir, LOG_LEVEL: 'warn' };
  start = spawn(process.execPath, ['tools/start.mjs'], {
    cwd: WORKSPACE,
    env: { ...environment, ...Object.fromEntries(Object.entries(ports).map(([name, port]) => [name, String(port)])) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  for (const stream of [start.stdout, start.stderr]) stream?.on('data', (chunk) => (output += chunk));
  await eventually(() => expect(output).toContain('[start] Ctrl-C stops everything'), READY_WITHIN_MS);
}, READY_WITHIN_MS + 10_000);

afterAll(async () => {
  if (start.exitCode === null && start.signalCode === null) {
    start.kill('SIGTERM');
    await exited();
  }
  rmSync(stateDir, { recursive: true, force: true });
}, STOPPED_WITHIN_MS + 5_000);

test('npm start: the apps, each as its own NATS user, count a trade; anonymous may not publish on tx.accepted.0', async () => {
  const credentials = join(stateDir, 'tmp/nats/credentials.json');
  const passwords = JSON.parse(readFileSync(credentials, 'utf8')) as Record<string, string>;
  expect(statSync(credentials).mode & 0o777).toBe(0o600);
  expect(statSync(join(stateDir, 'tmp/nats/nats-server.conf')).mode & 0o777).toBe(0o600);
  expect(output).toContain(`its users and permissions in ${join(stateDir, 'tmp/nats/nats-server.conf')}`);
  expect(output).toContain(`the apps' passwords in ${credentials}`);
  for (const password of Object.values(passwords)) expect(output).not.toContain(password);

  expect((await postJson(`http://127.0.0.1:${ports.INGEST_PORT}/transactions`, EXAMPLE_TRADE)).status).toBe(202);
  const natsUrl = `nats://127.0.0.1:${ports.NATS_PORT}`;
  const nc = await connect({ servers: natsUrl, user: 'verify', pass: passwords['verify'] });
  try {
    await eventually(async () => expect(await countedInKv(nc.jetstream())).toBe(1), 20_000);
    await expect(publishRaw(natsUrl, 'tx.accepted.0', JSON.stringify(EXAMPLE_TRADE))).rejects.toThrow(
      'Permissions Violation for Publish to "tx.accepted.0"',
    );
    const { state } = await (await nc.jetstreamManager()).streams.info(STREAMS.transactions);
    expect(state.messages).toBe(1);
  } finally {
    await nc.close();
  }
});

test("npm start: nats-server's monitoring answers /varz and /jsz on 127.0.0.1 at NATS_MONITOR_PORT, as printed", async () => {
  const monitor = `http://127.0.0.1:${ports.NATS_MONITOR_PORT}`;
  expect(output).toContain(`[start]   monitor  ${monitor}`);
  const varz = await getJson(`${monitor}/varz`);
  expect(varz.status).toBe(200);
  expect(varz.body).toMatchObject({
    http_host: '127.0.0.1',
    http_port: ports.NATS_MONITOR_PORT,
    port: ports.NATS_PORT,
  });
  const jsz = await getJson(`${monitor}/jsz?streams=true`);
  expect(jsz.body.account_details[0].stream_detail.map((stream: { name: string }) => stream.name)).toContain(
    STREAMS.transactions,
  );
});

test(
  'npm start: SIGTERM stops the apps, then the server, and exits 0',
  async () => {
    const exit = exited();
    start.kill('SIGTERM');
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise((resolve) => (timer = setTimeout(resolve, STOPPED_WITHIN_MS, 'late')));
    const code = await Promise.race([exit, late]).finally(() => clearTimeout(timer));
    expect(code).toBe(0);
    expect(output).toContain('[start] stopped');
    for (const port of Object.values(ports)) expect(await listening(port)).toBe(false);
  },
  STOPPED_WITHIN_MS + 5_000,
);
