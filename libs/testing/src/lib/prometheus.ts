import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { forgetDirectory, killOnHostExit, removeOnHostExit } from './child-reaper';
import { freePort } from './free-port';
import { LogBuffer } from './log-buffer';

const PROMETHEUS_NOT_FOUND =
  "prometheus not found on PATH: run `npm test` (it installs Debian's prometheus) or set PROMETHEUS_BIN";

/** One sample of an instant query's vector: its labels and its value (NaN as Prometheus says it). */
export interface PrometheusSample {
  metric: Record<string, string>;
  value: number;
}

export interface PrometheusHandle {
  /** http://127.0.0.1:<port> */
  readonly url: string;
  /** GET /api/v1/query: the samples of an instant vector; throws on a query Prometheus refuses. */
  query(expr: string): Promise<PrometheusSample[]>;
  /** The end of its log, for an assertion's message. */
  logTail(): string;
  /** SIGTERM, wait for the exit (SIGKILL after 10 s), and remove its storage. */
  dispose(): Promise<void>;
}

const READY_WITHIN_MS = 30_000;
const STOP_GRACE_MS = 10_000;

interface QueryAnswer {
  status: 'success' | 'error';
  error?: string;
  data?: { resultType: string; result: { metric: Record<string, string>; value: [number, string] }[] };
}

/**
 * A real Prometheus (`$PROMETHEUS_BIN`, else `prometheus` on PATH) for one test suite, with the
 * given configuration (YAML text), a fresh storage folder, and its web API on a free port of
 * 127.0.0.1 only. Resolves once it answers GET /-/ready.
 */
export async function startPrometheus(config: string): Promise<PrometheusHandle> {
  const binary = process.env['PROMETHEUS_BIN'] ?? 'prometheus';
  const dir = await mkdtemp(join(tmpdir(), 'tradeflow-prometheus-'));
  removeOnHostExit(dir);
  const configFile = join(dir, 'prometheus.yml');
  await writeFile(configFile, config);
  const url = `http://127.0.0.1:${await freePort()}`;
  const child = spawn(
    binary,
    [
      `--config.file=${configFile}`,
      `--storage.tsdb.path=${join(dir, 'data')}`,
      `--web.listen-address=${url.slice('http://'.length)}`,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const log = new LogBuffer();
  for (const stream of [child.stdout, child.stderr]) stream?.on('data', (chunk) => log.append(chunk));
  const exited = new Promise<string>((resolve) => {
    child.once('error', (error: NodeJS.ErrnoException) =>
      resolve(error.code === 'ENOENT' ? `${PROMETHEUS_NOT_FOUND} (tried ${binary})` : error.message),
    );
    child.once('exit', (code, signal) => resolve(`exited (${signal ?? `code ${code}`})`));
  });
  killOnHostExit(child);
  const dispose = async () => {
    await stop(child, exited);
    await rm(dir, { recursive: true, force: true });
    forgetDirectory(dir);
  };
  try {
    await untilReady(url, exited, log);
  } catch (error) {
    await dispose();
    throw error;
  }
  return { url, query: (expr) => query(url, expr), logTail: () => log.tail(), dispose };
}

async function untilReady(url: string, exited: Promise<string>, log: LogBuffer): Promise<void> {
  let ended: string | undefined;
  void exited.then((how) => (ended = how));
  const deadline = Date.now() + READY_WITHIN_MS;
  for (;;) {
    if (ended !== undefined) throw new Error(`prometheus ${ended} before it was ready:\n${log.tail()}`);
    const response = await fetch(`${url}/-/ready`).catch(() => undefined);
    if (response?.status === 200) return;
    if (Date.now() > deadline) throw new Error(`prometheus not ready within ${READY_WITHIN_MS} ms:\n${log.tail()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function stop(child: ChildProcess, exited: Promise<string>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const escalate = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
  child.kill('SIGTERM');
  await exited.finally(() => clearTimeout(escalate));
}

async function query(url: string, expr: string): Promise<PrometheusSample[]> {
  const response = await fetch(`${url}/api/v1/query?query=${encodeURIComponent(expr)}`);
  const answer = (await response.json()) as QueryAnswer;
  if (answer.status !== 'success' || answer.data === undefined) {
    throw new Error(`prometheus refused ${expr}: ${answer.error ?? response.status}`);
  }
  if (answer.data.resultType !== 'vector') {
    throw new Error(`${expr} is a ${answer.data.resultType}, not an instant vector`);
  }
  return answer.data.result.map(({ metric, value }) => ({ metric, value: Number(value[1]) }));
}
