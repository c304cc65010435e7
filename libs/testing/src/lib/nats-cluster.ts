import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { connect, type JetStreamManager, StorageType } from 'nats';
import { forgetDirectory, removeOnHostExit } from './child-reaper';
import { findNatsServerBinary } from './find-binary';
import { freePort } from './free-port';
import { NatsServer, type NatsServerHandle } from './nats-server';

/** One node of a cluster: a server with its name, which JetStream reports as a leader. */
export interface ClusterNode extends NatsServerHandle {
  readonly name: string;
}

export interface NatsClusterHandle {
  readonly nodes: ClusterNode[];
  /** Every node's client URL, comma-separated: a NATS_URL. */
  readonly url: string;
  node(name: string): ClusterNode;
  /** Starts every node that is not running, and waits until JetStream answers. */
  start(): Promise<void>;
  /** SIGTERM to every node. */
  stop(): Promise<void>;
  /** Stops every node and removes the stores, unless they were given (`storeRoot`). */
  dispose(): Promise<void>;
}

export interface StartNatsClusterOptions {
  /** 3 unless said. */
  size?: number;
  /** Where the nodes' stores and configuration files go; a temporary folder, removed on dispose, by default. */
  storeRoot?: string;
  /** Client ports of the nodes, in order; free ports by default. */
  clientPorts?: number[];
  /** Cluster (route) ports of the nodes, in order; free ports by default. */
  clusterPorts?: number[];
  /** HTTP monitoring ports of the nodes (/varz, /jsz, ...), in order, on 127.0.0.1 as the rest; none by default. */
  monitorPorts?: number[];
  /** `jetstream { sync_interval: always }`: every write on disk before it is acknowledged (2.10+). */
  syncAlways?: boolean;
  binary?: string;
  /** Each node's output also appended to `<storeRoot>/<name>.log`. */
  logToFiles?: boolean;
  /** The caller stops the nodes itself (see NatsServerProcessOptions): `npm run cluster` does, after its apps. */
  stoppedByCaller?: boolean;
  /**
   * Users and permissions: docker/nats/authorization.conf with its passwords filled in (as
   * tools/nats-auth.mjs writes it), put in each node's configuration. Without it, any client may do anything.
   */
  authorization?: string;
}

/** The one node configuration: docker/ uses it as it is, with the values in the environment. */
const TEMPLATE = 'docker/nats/cluster-node.conf';
/** The template's line that brings in the users and permissions, beside it in docker/nats. */
const AUTHORIZATION_INCLUDE = /^include \.\/authorization\.conf\n/m;
const JETSTREAM_READY_MS = 30_000;

/** The workspace's root: the folder with nx.json, above the current directory or this program. */
export function workspaceRoot(): string {
  for (const start of [process.cwd(), dirname(process.argv[1] ?? '.')]) {
    for (let dir = start; ; dir = dirname(dir)) {
      if (existsSync(join(dir, 'nx.json'))) return dir;
      if (dirname(dir) === dir) break;
    }
  }
  throw new Error('not inside the tradeflow workspace (no nx.json above the current directory)');
}

/** What `nats-server --version` says, as `v2.9.10`. */
export function natsServerVersion(binary = findNatsServerBinary()): string {
  const said = execFileSync(binary, ['--version'], { encoding: 'utf8' });
  return /v\d+\.\d+\.\d+\S*/.exec(said)?.[0] ?? said.trim();
}

/** Whether a nats-server knows `sync_interval` (2.10 and newer). */
export function supportsSyncInterval(binary = findNatsServerBinary()): boolean {
  const [, major, minor] = /v(\d+)\.(\d+)/.exec(natsServerVersion(binary)) ?? [];
  return Number(major) > 2 || (Number(major) === 2 && Number(minor) >= 10);
}

export type NodeSettings = Record<
  'NODE_NAME' | 'HOST' | 'CLIENT_PORT' | 'CLUSTER_PORT' | 'ROUTES' | 'STORE_DIR',
  string
>;

/**
 * One node's configuration file: the template with its `$NAME`s filled in (quoted where a value is
 * a string: a path may hold any character), `sync_interval: always` in its jetstream block when
 * asked, and the given users and permissions in place of the template's include of them (none
 * without: the file stands alone).
 */
export function renderNodeConfig(
  template: string,
  settings: NodeSettings,
  syncAlways = false,
  authorization?: string,
): string {
  const quoted = (name: keyof NodeSettings) =>
    name === 'ROUTES' || name.endsWith('_PORT') ? settings[name] : JSON.stringify(settings[name]);
  const filled = template.replace(/\$([A-Z_]+)/g, (match, name: string) =>
    name in settings ? quoted(name as keyof NodeSettings) : match,
  );
  const synced = syncAlways ? filled.replace(/jetstream \{\n/, '$&  sync_interval: always\n') : filled;
  return synced.replace(AUTHORIZATION_INCLUDE, () =>
    authorization === undefined ? '' : `${authorization.trimEnd()}\n`,
  );
}

/**
 * Starts a JetStream cluster of real nats-server processes on loopback, each with its own store
 * and a configuration file written from the one template, and resolves once JetStream answers
 * (the nodes have elected a meta leader). Node names are n1, n2, ...
 */
export async function startNatsCluster(options: StartNatsClusterOptions = {}): Promise<NatsClusterHandle> {
  const size = options.size ?? 3;
  const binary = findNatsServerBinary(options.binary);
  const temporary = options.storeRoot === undefined;
  const root = options.storeRoot ?? (await mkdtemp(join(tmpdir(), 'tradeflow-cluster-')));
  if (temporary) removeOnHostExit(root);
  const template = readFileSync(join(workspaceRoot(), TEMPLATE), 'utf8');
  const clientPorts = options.clientPorts ?? (await Promise.all(Array.from({ length: size }, freePort)));
  const clusterPorts = options.clusterPorts ?? (await Promise.all(Array.from({ length: size }, freePort)));
  if (clusterPorts.length !== clientPorts.length) {
    throw new Error(`${clientPorts.length} client ports but ${clusterPorts.length} cluster ports: one of each a node`);
  }
  const { monitorPorts } = options;
  if (monitorPorts !== undefined && monitorPorts.length !== clientPorts.length) {
    throw new Error(
      `${clientPorts.length} client ports but ${monitorPorts.length} monitoring ports: one of each a node`,
    );
  }
  const nodes = clientPorts.map((clientPort, index) => {
    const name = `n${index + 1}`;
    const storeDir = join(root, name);
    mkdirSync(storeDir, { recursive: true });
    const routes = clusterPorts.filter((_, other) => other !== index).map((port) => `nats-route://127.0.0.1:${port}`);
    const settings: NodeSettings = {
      NODE_NAME: name,
      HOST: '127.0.0.1',
      CLIENT_PORT: String(clientPort),
      CLUSTER_PORT: String(clusterPorts[index]),
      ROUTES: `[${routes.join(', ')}]`,
      STORE_DIR: storeDir,
    };
    const file = join(root, `${name}.conf`);
    // The owner's alone: with users, it holds their passwords.
    writeFileSync(file, renderNodeConfig(template, settings, options.syncAlways, options.authorization), {
      mode: 0o600,
    });
    chmodSync(file, 0o600);
    const processOptions = {
      stoppedByCaller: options.stoppedByCaller,
      logFile: options.logToFiles ? join(root, `${name}.log`) : undefined,
    };
    // On the command line, as docker/compose.yaml gives it: the template leaves monitoring out.
    const monitor = monitorPorts === undefined ? [] : ['-m', String(monitorPorts[index])];
    const server = new NatsServer(binary, clientPort, storeDir, () => ['-c', file, ...monitor], processOptions);
    return Object.assign(server, { name });
  });
  const url = nodes.map((node) => node.url).join(',');
  const cluster: NatsClusterHandle = {
    nodes,
    url,
    node: (name) => {
      const found = nodes.find((node) => node.name === name);
      if (!found) throw new Error(`no node ${name} in the cluster (${nodes.map((node) => node.name).join(', ')})`);
      return found;
    },
    start: async () => {
      await Promise.all(nodes.map((node) => node.start()));
      await jetStreamAnswers(url, options.authorization === undefined ? size : 1);
    },
    stop: async () => {
      await Promise.all(nodes.map((node) => node.stop()));
    },
    dispose: async () => {
      await cluster.stop();
      if (!temporary) return;
      await rm(root, { recursive: true, force: true });
      forgetDirectory(root);
    },
  };
  try {
    await cluster.start();
  } catch (error) {
    await cluster.dispose();
    throw error;
  }
  return cluster;
}

/**
 * Waits until the cluster's JetStream answers an API request (it has a meta leader) and, for
 * `replicas` above 1, places a stream of that many replicas: a meta leader answers before every
 * node has joined it, and a stream of three asked for then fails with "no suitable peers for
 * placement". The probe needs a client that may add streams: without users, any client.
 */
async function jetStreamAnswers(url: string, replicas: number): Promise<void> {
  const nc = await connect({ servers: url.split(','), maxReconnectAttempts: -1 });
  try {
    const deadline = Date.now() + JETSTREAM_READY_MS;
    for (;;) {
      try {
        const jsm = await nc.jetstreamManager({ timeout: 2000 });
        await jsm.getAccountInfo();
        if (replicas > 1) await placesReplicas(jsm, replicas);
        return;
      } catch (error) {
        if (Date.now() > deadline)
          throw new Error(`the cluster's JetStream did not answer within ${JETSTREAM_READY_MS} ms: ${String(error)}`, {
            cause: error,
          });
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    }
  } finally {
    await nc.close();
  }
}

/** Adds and deletes a stream of `replicas` replicas, in memory, on its own name's subject. */
async function placesReplicas(jsm: JetStreamManager, replicas: number): Promise<void> {
  const name = 'TRADEFLOW_CLUSTER_PROBE';
  await jsm.streams.add({ name, storage: StorageType.Memory, num_replicas: replicas });
  await jsm.streams.delete(name);
}
