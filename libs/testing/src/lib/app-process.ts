import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { killOnHostExit } from './child-reaper';
import { freePort } from './free-port';
import { workspaceRoot } from './nats-cluster';

export interface AppProcess {
  readonly url: string;
  readonly output: () => string;
  /** False once the process has ended. */
  readonly running: () => boolean;
  /** SIGTERM, as an orchestrator stops it, and wait for the exit. */
  stop(): Promise<void>;
  /** SIGKILL: a crash at whatever instant it is. */
  kill(): Promise<void>;
}

/**
 * Runs a built app (dist/apps/<app>/main.js, from `npx nx run-many -t build`, which `npm test`
 * runs first) as its own process on a free port, for tests that crash it.
 */
export async function spawnApp(app: string, environment: Record<string, string>): Promise<AppProcess> {
  const workspace = workspaceRoot();
  const main = resolve(workspace, 'dist/apps', app, 'main.js');
  if (!existsSync(main)) throw new Error(`${main} is missing: run \`npx nx run-many -t build\` (npm test does)`);
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, [main], {
    cwd: workspace,
    env: { ...process.env, LOG_LEVEL: 'warn', ...environment, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  killOnHostExit(child);
  let log = '';
  for (const stream of [child.stdout, child.stderr])
    stream?.on('data', (chunk) => (log = (log + chunk).slice(-20_000)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const signal = async (name: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(name);
    await exited;
  };
  return {
    url: `http://127.0.0.1:${port}`,
    output: () => log,
    running: () => child.exitCode === null && child.signalCode === null,
    stop: () => signal('SIGTERM'),
    kill: () => signal('SIGKILL'),
  };
}
