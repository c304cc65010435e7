// Starts what the bench measures, each registered for cleanup: its own nats-server (temporary
// store, free loopback port), the built apps (dist/apps/<app>/main.js), and the bench's own
// child roles (this bundle run with `--role <name>`, talking over IPC).
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { freePort, startNatsCluster, startNatsServer, untilHealthy } from '@tradeflow/testing';
import { registerCleanup } from './cleanup';
import { findPid } from './proc-usage';

/** The repository root: this bundle is dist/tools/bench/main.js. */
export const WORKSPACE = resolve(dirname(process.argv[1] ?? '.'), '../../..');

/** What the apps run on: one nats-server, or the nodes of a cluster. */
export interface NatsTarget {
  /** A NATS_URL: the server's, or every node's, comma-separated. */
  url: string;
  /** The servers' pids to meter, by name: `nats` for one server; `n1`, `n2`, `n3` for a cluster's nodes. */
  pids: Record<string, number | undefined>;
  /** What the apps need besides NATS_URL on it: JS_REPLICAS. */
  env: Record<string, string>;
  dispose(): Promise<void>;
}

export interface NatsServer extends NatsTarget {
  pid: number | undefined;
}

export async function startNats(): Promise<NatsServer> {
  const server = await startNatsServer();
  const unregister = registerCleanup(
    'nats-server',
    () => server.dispose(),
    () => void server.kill(),
    0,
  );
  const pid = findPid(['nats-server', '-p', String(server.port)]) ?? findPid(['nats-server', String(server.port)]);
  return {
    url: server.url,
    pid,
    pids: { nats: pid },
    env: { JS_REPLICAS: '1' },
    dispose: async () => {
      await server.dispose();
      unregister();
    },
  };
}

/**
 * A three-node JetStream cluster on loopback (libs/testing's startNatsCluster: free ports,
 * temporary stores, each node's file written from docker/nats/cluster-node.conf), on which the
 * apps run with JS_REPLICAS=3; stopped and its stores removed like startNats's server.
 */
export async function startCluster(): Promise<NatsTarget> {
  const cluster = await startNatsCluster();
  const kill = () => {
    for (const node of cluster.nodes) void node.kill();
  };
  const unregister = registerCleanup('nats cluster', () => cluster.dispose(), kill, 0);
  // Each node runs as `nats-server -c <its store dir>.conf` (the store is <root>/n1, the file <root>/n1.conf).
  const pids = Object.fromEntries(
    cluster.nodes.map((node) => [node.name, findPid(['nats-server', `${node.storeDir}.conf`])]),
  );
  return {
    url: cluster.url,
    pids,
    env: { JS_REPLICAS: String(cluster.nodes.length) },
    dispose: async () => {
      await cluster.dispose();
      unregister();
    },
  };
}

/** A child process with its recent output, stopped with SIGTERM (SIGKILL after a grace). */
export class Child {
  private log = '';
  readonly exited: Promise<void>;
  private readonly unregister: () => void;

  constructor(
    readonly name: string,
    readonly child: ChildProcess,
  ) {
    for (const stream of [child.stdout, child.stderr])
      stream?.on('data', (chunk) => (this.log = (this.log + chunk).slice(-20_000)));
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
    this.unregister = registerCleanup(
      name,
      () => this.stop(),
      () => this.kill(),
    );
  }

  get pid(): number {
    return this.child.pid ?? NaN;
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  output(): string {
    return this.log;
  }

  async stop(graceMs = 10_000): Promise<void> {
    if (this.running) {
      this.child.kill('SIGTERM');
      const timer = setTimeout(() => this.kill(), graceMs);
      await this.exited;
      clearTimeout(timer);
    }
    this.unregister();
  }

  kill(): void {
    if (this.running) this.child.kill('SIGKILL');
  }
}

export class AppChild extends Child {
  constructor(
    name: string,
    child: ChildProcess,
    readonly url: string,
  ) {
    super(name, child);
  }

  /** Resolves once GET /health answers 200; throws with the app's output if it exits or times out. */
  async healthy(timeoutMs = 30_000): Promise<this> {
    const tail = () => `${this.name}'s output ends:\n${this.output().slice(-3000)}`;
    if (!(await untilHealthy(this.url, { timeoutMs, alive: () => this.running, context: tail, pollMs: 100 }))) {
      throw new Error(`${this.name} exited before it was healthy\n${tail()}`);
    }
    return this;
  }
}

export interface LaunchOptions {
  env?: Record<string, string>;
}

const profiling = { apps: new Set<string>(), dir: '' };

/** From now on, run these apps under `node --cpu-prof`, writing <app>-<time>.cpuprofile in `dir`. */
export function profileApps(apps: Set<string>, dir: string): void {
  profiling.apps = apps;
  profiling.dir = dir;
}

/** A built app as its own process on a free port, LOG_LEVEL=warn. */
export async function launchApp(app: string, natsUrl: string, options: LaunchOptions = {}): Promise<AppChild> {
  const main = resolve(WORKSPACE, 'dist/apps', app, 'main.js');
  if (!existsSync(main))
    throw new Error(`${main} is missing: run \`npx nx run-many -t build -p ingest process stats\``);
  const port = await freePort();
  const nodeArgs = profiling.apps.has(app)
    ? ['--cpu-prof', `--cpu-prof-dir=${profiling.dir}`, `--cpu-prof-name=${app}-${Date.now()}.cpuprofile`]
    : [];
  const child = spawn(process.execPath, [...nodeArgs, main], {
    cwd: WORKSPACE,
    env: {
      ...process.env,
      LOG_LEVEL: 'warn',
      HOST: '127.0.0.1',
      ...options.env,
      NATS_URL: natsUrl,
      PORT: String(port),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new AppChild(app, child, `http://127.0.0.1:${port}`);
}

export interface RoleMessage {
  type: string;
  [key: string]: unknown;
}

/** One of the bench's own roles (reference server, raw publisher, raw consumer) as a child. */
export class RoleChild extends Child {
  private readonly inbox: RoleMessage[] = [];
  private waiter?: () => void;

  constructor(name: string, child: ChildProcess) {
    super(name, child);
    child.on('message', (message: RoleMessage) => {
      this.inbox.push(message);
      this.waiter?.();
    });
    void this.exited.then(() => this.waiter?.());
  }

  send(message: RoleMessage): void {
    this.child.send(message);
  }

  /** The next message of `type` (an `error` message from the role throws), within the timeout. */
  async next(type: string, timeoutMs = 60_000): Promise<RoleMessage> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const index = this.inbox.findIndex((message) => message.type === type || message.type === 'error');
      if (index >= 0) {
        const [message] = this.inbox.splice(index, 1);
        if (message.type === 'error') throw new Error(`${this.name}: ${String(message['message'])}`);
        return message;
      }
      if (!this.running) throw new Error(`${this.name} exited before sending ${type}:\n${this.output().slice(-3000)}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`${this.name} sent no ${type} within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiter = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.waiter = undefined;
    }
  }
}

/** This bundle again, as `--role <role>`, with an IPC channel; it exits when the bench goes. */
export function launchRole(role: string, env: Record<string, string>): RoleChild {
  const child = spawn(process.execPath, [process.argv[1], '--role', role], {
    cwd: WORKSPACE,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  return new RoleChild(role, child);
}
