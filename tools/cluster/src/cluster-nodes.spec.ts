// The nodes' configuration, rendered from docker/nats/cluster-node.conf, on real nats-server
// processes: each suite's cluster runs on free loopback ports with its own stores.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import {
  eventually,
  findNatsServerBinary,
  freePort,
  type NatsClusterHandle,
  publishRaw,
  renderNodeConfig,
  startNatsCluster,
  supportsSyncInterval,
  workspaceRoot,
} from '@tradeflow/testing';
import { STREAMS, transactionsStream } from '@tradeflow/topology';
import { connect, StorageType, StringCodec } from 'nats';
import { natsUsers } from './nats-users';
import { syncAlwaysSetting } from './sync-always';

const sc = StringCodec();

/** Creates an R3 stream with one message, and says where its replicas are. */
async function replicatedStream(cluster: NatsClusterHandle, name: string) {
  const nc = await connect({ servers: cluster.url.split(',') });
  try {
    const jsm = await nc.jetstreamManager();
    await jsm.streams.add({ name, subjects: [`${name}.>`], storage: StorageType.File, num_replicas: 3 });
    await nc.jetstream().publish(`${name}.one`, sc.encode('kept'));
    return await streamReplicas(cluster, name);
  } finally {
    await nc.close();
  }
}

async function streamReplicas(cluster: NatsClusterHandle, name: string) {
  const nc = await connect({ servers: cluster.url.split(',') });
  try {
    const info = await (await nc.jetstreamManager()).streams.info(name);
    const nodes = [info.cluster?.leader, ...(info.cluster?.replicas ?? []).map((replica) => replica.name)];
    return { replicas: info.config.num_replicas, nodes: nodes.sort(), messages: info.state.messages };
  } finally {
    await nc.close();
  }
}

const configOf = (cluster: NatsClusterHandle, node: string) =>
  readFileSync(join(dirname(cluster.node(node).storeDir), `${node}.conf`), 'utf8');

describe('the nodes of npm run cluster, from docker/nats/cluster-node.conf (real nats-server)', () => {
  it('form a JetStream cluster that keeps a stream on all three nodes', async () => {
    const cluster = await startNatsCluster();
    try {
      expect(configOf(cluster, 'n2')).toMatch(/^server_name: "n2"$/m);
      expect(await replicatedStream(cluster, 'CLUSTER_CHECK')).toEqual({
        replicas: 3,
        nodes: ['n1', 'n2', 'n3'],
        messages: 1,
      });
    } finally {
      await cluster.dispose();
    }
  });

  it('as the tool starts them: fixed cluster ports, monitoring on loopback, stores kept across a restart, logs in files, process groups of their own', async () => {
    const storeRoot = mkdtempSync(join(tmpdir(), 'tradeflow-cluster-tool-'));
    const clientPorts = await Promise.all([freePort(), freePort(), freePort()]);
    const clusterPorts = await Promise.all([freePort(), freePort(), freePort()]);
    const monitorPorts = await Promise.all([freePort(), freePort(), freePort()]);
    const options = { storeRoot, clientPorts, clusterPorts, monitorPorts, logToFiles: true, stoppedByCaller: true };
    const cluster = await startNatsCluster(options);
    try {
      for (const [index, port] of monitorPorts.entries()) {
        const varz = await (await fetch(`http://127.0.0.1:${port}/varz`)).json();
        expect(varz).toMatchObject({ server_name: `n${index + 1}`, http_host: '127.0.0.1', http_port: port });
      }
      expect(configOf(cluster, 'n1')).toContain(`port: ${clusterPorts[0]}`);
      expect(configOf(cluster, 'n1')).toContain(
        `routes: [nats-route://127.0.0.1:${clusterPorts[1]}, nats-route://127.0.0.1:${clusterPorts[2]}]`,
      );
      await replicatedStream(cluster, 'KEPT');
      expect(readFileSync(join(storeRoot, 'n3.log'), 'utf8')).toContain('Server is ready');
      const groups = execFileSync('ps', ['-eo', 'pid=,pgid=,args='], { encoding: 'utf8' })
        .split('\n')
        .filter((line) => line.includes(join(storeRoot, 'n1.conf')))
        .map((line) => line.trim().split(/\s+/));
      expect(groups).toHaveLength(1);
      expect(groups[0][1]).toBe(groups[0][0]); // its own group leader: a terminal's Ctrl-C does not reach it

      await cluster.stop();
      await cluster.start();
      // JetStream answers once the nodes have a meta leader; the stream answers once it has its own.
      const kept = await eventually(() => streamReplicas(cluster, 'KEPT'), 30_000);
      expect(kept).toEqual({ replicas: 3, nodes: ['n1', 'n2', 'n3'], messages: 1 });
    } finally {
      await cluster.dispose();
      rmSync(storeRoot, { recursive: true, force: true });
    }
  });
});

describe('the nodes with the users of npm run cluster (docker/nats/authorization.conf, real nats-server)', () => {
  const stateDir = mkdtempSync(join(tmpdir(), 'tradeflow-cluster-users-'));
  afterAll(() => rmSync(stateDir, { recursive: true, force: true }));

  it('admit each app as its own user on every node, refuse a wrong password, and refuse anonymous writes', async () => {
    const users = natsUsers(workspaceRoot(), stateDir);
    const cluster = await startNatsCluster({ authorization: users.authorization });
    try {
      const n1 = join(dirname(cluster.node('n1').storeDir), 'n1.conf');
      expect(statSync(n1).mode & 0o777).toBe(0o600);
      expect(configOf(cluster, 'n1')).toContain(`password: "${users.passwords.ingest}"`);
      expect(configOf(cluster, 'n1')).not.toMatch(/^include /m);
      const ingest = await connect({ servers: cluster.url.split(','), user: 'ingest', pass: users.passwords.ingest });
      try {
        const jsm = await ingest.jetstreamManager();
        // Until every node has joined, an R3 stream has no place to go ("no suitable peers for placement").
        const stream = transactionsStream({ maxAgeSeconds: 0, maxBytes: 0, maxMessages: 0 }, 120, 3);
        await eventually(() => jsm.streams.add(stream), 30_000);
        expect(await ingest.jetstream().publish('tx.accepted.0', sc.encode('{}'))).toMatchObject({
          stream: STREAMS.transactions,
          seq: 1,
        });
      } finally {
        await ingest.close();
      }
      for (const node of cluster.nodes) {
        await expect(connect({ servers: node.url, user: 'ingest', pass: 'wrong' })).rejects.toThrow(
          'Authorization Violation',
        );
        await expect(publishRaw(node.url, 'tx.accepted.0', '{}')).rejects.toThrow(
          'Permissions Violation for Publish to "tx.accepted.0"',
        );
      }
      expect((await streamReplicas(cluster, STREAMS.transactions)).messages).toBe(1);
    } finally {
      await cluster.dispose();
    }
  });
});

describe('--sync-always', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tradeflow-fake-nats-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** A nats-server that only says its version. */
  function serverSaying(version: string): string {
    const binary = join(dir, `nats-server-${version}`);
    writeFileSync(binary, `#!/bin/sh\necho "nats-server: ${version}"\n`, { mode: 0o755 });
    return binary;
  }

  it('is left out, and the user told so, on nats-server 2.9', () => {
    expect(syncAlwaysSetting(true, serverSaying('v2.9.10'))).toEqual({
      syncAlways: false,
      notice: expect.stringContaining(
        '--sync-always is not supported by nats-server v2.9.10: jetstream sync_interval needs 2.10 or newer',
      ),
    });
  });

  it('is put in the nodes’ configuration on 2.10 and newer', () => {
    expect(syncAlwaysSetting(true, serverSaying('v2.10.22'))).toMatchObject({ syncAlways: true });
    expect(syncAlwaysSetting(true, serverSaying('v2.12.1'))).toMatchObject({ syncAlways: true });
    expect(syncAlwaysSetting(false, serverSaying('v2.12.1'))).toEqual({ syncAlways: false });
  });

  it('is checked for because the server on PATH would refuse it if it is older than 2.10', async () => {
    const template = readFileSync(join(workspaceRoot(), 'docker/nats/cluster-node.conf'), 'utf8');
    const settings = {
      NODE_NAME: 'n1',
      HOST: '127.0.0.1',
      CLIENT_PORT: String(await freePort()),
      CLUSTER_PORT: String(await freePort()),
      ROUTES: '[]',
      STORE_DIR: join(dir, 'store'),
    };
    const config = join(dir, 'sync.conf');
    writeFileSync(config, renderNodeConfig(template, settings, true));
    expect(readFileSync(config, 'utf8')).toMatch(/jetstream \{\n {2}sync_interval: always\n/);
    const test = spawnSync(findNatsServerBinary(), ['-t', '-c', config], { encoding: 'utf8' });
    if (supportsSyncInterval()) {
      expect(test.status).toBe(0);
      expect(syncAlwaysSetting(true)).toMatchObject({ syncAlways: true });
    } else {
      expect(test.stderr).toContain('unknown field "sync_interval"');
      expect(syncAlwaysSetting(true)).toMatchObject({
        syncAlways: false,
        notice: expect.stringContaining('is not supported by nats-server v2.'),
      });
    }
  });
});
