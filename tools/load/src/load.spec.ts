import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import {
  type AppProcess,
  eventually,
  type NatsServerHandle,
  spawnApp,
  startNatsServer,
  untilHealthy,
  workspaceRoot,
} from '@tradeflow/testing';
import { STREAMS } from '@tradeflow/topology';
import { connect, type NatsConnection } from 'nats';
import type { Summary } from './report';

// The built tool against the built ingest on a nats-server of the suite's own: what its summary
// says was accepted and refused is what TRANSACTIONS and REJECTED hold.
const TOOL = resolve(workspaceRoot(), 'dist/tools/load/main.js');
const SLOW_MACHINE_MS = 120_000;

let server: NatsServerHandle;
let ingest: AppProcess;
let nc: NatsConnection;

beforeAll(async () => {
  if (!existsSync(TOOL)) throw new Error(`${TOOL} is missing: run \`npx nx build load\` (npm test builds it)`);
  server = await startNatsServer();
  ingest = await spawnApp('ingest', { NATS_URL: server.url });
  await untilHealthy(ingest.url, { timeoutMs: 60_000, alive: ingest.running, context: ingest.output });
  nc = await connect({ servers: server.url });
}, SLOW_MACHINE_MS);

afterAll(async () => {
  await nc?.close();
  await ingest?.stop();
  await server?.dispose();
});

const stored = async (stream: string) => (await (await nc.jetstreamManager()).streams.info(stream)).state.messages;
const storedNow = async () => ({
  accepted: await stored(STREAMS.transactions),
  refused: await stored(STREAMS.rejected),
});

/** What each stream gained since `before` matches the summary (HTTP refusals reach REJECTED just after their answer). */
async function expectStored(summary: Summary, before: { accepted: number; refused: number }): Promise<void> {
  await eventually(async () => {
    const now = await storedNow();
    expect({ accepted: now.accepted - before.accepted, refused: now.refused - before.refused }).toEqual({
      accepted: summary.accepted,
      refused: summary.refused,
    });
  }, 20_000);
}

async function load(args: string[]): Promise<Summary> {
  const { stdout } = await promisify(execFile)(process.execPath, [TOOL, ...args, '--json'], {
    cwd: workspaceRoot(),
    env: { ...process.env, NATS_URL: server.url },
  });
  return JSON.parse(stdout) as Summary;
}

const NOTHING_LOST = { skipped: 0, rateLimited: 0, unavailable: 0, errors: 0 };

test(
  'over HTTP, a trade a request: the accepted are stored, the invalid refused',
  async () => {
    const before = await storedNow();
    const summary = await load(['--url', ingest.url, '--rate', '40', '--count', '80', '--invalid', '0.1']);
    expect(summary).toMatchObject({ via: 'http', batch: null, stoppedBy: 'count', offered: 80, sent: 80, invalid: 8 });
    expect(summary).toMatchObject({ accepted: 72, refused: 8, ...NOTHING_LOST });
    expect(summary.latencyMs?.p50).toBeGreaterThan(0);
    await expectStored(summary, before);
  },
  SLOW_MACHINE_MS,
);

test(
  'over HTTP in batches: each batch stores its valid trades and refuses the invalid ones',
  async () => {
    const before = await storedNow();
    const args = ['--url', ingest.url, '--batch', '20', '--rate', '200', '--count', '200', '--invalid', '0.05'];
    const summary = await load(args);
    expect(summary).toMatchObject({ batch: 20, stoppedBy: 'count', sent: 200, invalid: 10 });
    expect(summary).toMatchObject({ accepted: 190, refused: 10, ...NOTHING_LOST });
    await expectStored(summary, before);
  },
  SLOW_MACHINE_MS,
);

test(
  "with anomalies for the fold to flag: the off-market trades and the fast user's are valid, and stored",
  async () => {
    const before = await storedNow();
    const args = ['--url', ingest.url, '--batch', '20', '--rate', '100', '--count', '200'];
    const summary = await load([...args, '--off-market', '0.1', '--fast-user']);
    expect(summary).toMatchObject({ sent: 200, invalid: 0, accepted: 200, refused: 0, ...NOTHING_LOST });
    expect(summary.offMarket).toBeGreaterThan(0);
    expect(summary.fastUser).toBeGreaterThan(0);
    await expectStored(summary, before);
  },
  SLOW_MACHINE_MS,
);

test(
  'over NATS: every request queued, and the outcome of each seen on tx.accepted.<n> or tx.rejected',
  async () => {
    const before = await storedNow();
    const summary = await load(['--via', 'nats', '--rate', '40', '--count', '80', '--invalid', '0.1']);
    expect(summary).toMatchObject({ via: 'nats', target: server.url, sent: 80, invalid: 8, queued: 80, pending: 0 });
    expect(summary).toMatchObject({ accepted: 72, refused: 8, ...NOTHING_LOST });
    await expectStored(summary, before);
  },
  SLOW_MACHINE_MS,
);

test(
  'Ctrl-C mid-run stops sending, waits for the answers, prints the summary and exits 0',
  async () => {
    const before = await storedNow();
    const child = spawn(process.execPath, [TOOL, '--url', ingest.url, '--rate', '20', '--duration', '300', '--json'], {
      cwd: workspaceRoot(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const output = { stdout: '', stderr: '' };
    child.stdout.on('data', (chunk) => (output.stdout += chunk));
    child.stderr.on('data', (chunk) => (output.stderr += chunk));
    const exited = exitOf(child);
    try {
      // Running once it has said so and ingest has stored some of its trades.
      await eventually(() => expect(output.stderr).toContain('Ctrl-C stops'), 60_000);
      await eventually(async () => expect((await storedNow()).accepted).toBeGreaterThan(before.accepted), 30_000);
      child.kill('SIGINT');
      expect(await exited).toBe(0);
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
    expect(output.stderr).toContain('stopping: waiting for what was sent');
    const summary = JSON.parse(output.stdout) as Summary;
    expect(summary).toMatchObject({ stoppedBy: 'interrupt', accepted: summary.sent, refused: 0, ...NOTHING_LOST });
    expect(summary.sent).toBeGreaterThan(0);
    await expectStored(summary, before);
  },
  SLOW_MACHINE_MS,
);

const exitOf = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => child.once('exit', (code, signal) => resolve(code ?? (signal ? -1 : null))));
