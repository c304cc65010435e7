import {
  type AppProcess,
  type ClusterNode,
  type NatsClusterHandle,
  spawnApp,
  startNatsCluster,
  untilHealthy,
} from '@tradeflow/testing';
import { BUCKETS, STREAMS } from '@tradeflow/topology';
import { connect, type NatsConnection } from 'nats';

export type AppName = 'ingest' | 'process' | 'stats';

export interface SystemShape {
  ingest: number;
  process: number;
  stats: number;
}

/** One instance of an app: it can be killed, stopped and started again, on a new port. */
export class AppInstance {
  private current?: AppProcess;

  constructor(
    readonly app: AppName,
    readonly name: string,
    private readonly environment: Record<string, string>,
  ) {}

  get url(): string {
    if (!this.current) throw new Error(`${this.name} is not running`);
    return this.current.url;
  }

  get running(): boolean {
    return this.current !== undefined;
  }

  async start(): Promise<void> {
    this.current = await spawnApp(this.app, { ...this.environment, INSTANCE_ID: this.name });
  }

  async kill(): Promise<void> {
    await this.current?.kill();
    this.current = undefined;
  }

  async stop(): Promise<void> {
    await this.current?.stop();
    this.current = undefined;
  }

  output(): string {
    return this.current?.output() ?? '';
  }

  /** Waits for /health to answer 200; throws with the end of its output if it ends or times out first. */
  async healthy(timeoutMs = 60_000): Promise<void> {
    const current = this.current;
    const tail = () => `${this.name}'s output ends:\n${this.output().slice(-2000)}`;
    const alive = () => current?.running() ?? false;
    if (!current || !(await untilHealthy(current.url, { timeoutMs, alive, context: tail }))) {
      throw new Error(`${this.name} ended before it was healthy\n${tail()}`);
    }
  }
}

/** The streams and buckets of the system, by the name of the stream that holds them. */
const OUR_STREAMS = [
  STREAMS.transactions,
  STREAMS.submissions,
  STREAMS.rejected,
  `KV_${BUCKETS.stats}`,
  `KV_${BUCKETS.leases}`,
];

/**
 * The whole system on a three-node JetStream cluster on loopback: every stream and bucket with
 * three replicas, and the apps as processes of their own, each connected to every node.
 */
export class ClusterSystem {
  private constructor(
    readonly cluster: NatsClusterHandle,
    readonly nc: NatsConnection,
    readonly apps: Record<AppName, AppInstance[]>,
  ) {}

  static async start(shape: SystemShape, environment: Record<string, string> = {}): Promise<ClusterSystem> {
    const cluster = await startNatsCluster();
    const env = {
      NATS_URL: cluster.url,
      JS_REPLICAS: '3',
      LEASE_TTL_SECONDS: '3',
      LEASE_RENEW_MS: '500',
      ...environment,
    };
    const instances = (app: AppName) =>
      Array.from({ length: shape[app] }, (_, index) => new AppInstance(app, `${app}-${index + 1}`, env));
    const apps = { ingest: instances('ingest'), process: instances('process'), stats: instances('stats') };
    const nc = await connect({ servers: cluster.url.split(','), maxReconnectAttempts: -1, reconnectTimeWait: 250 });
    const system = new ClusterSystem(cluster, nc, apps);
    try {
      // ingest creates TRANSACTIONS, which process waits for.
      for (const instance of apps.ingest) await instance.start();
      await Promise.all(apps.ingest.map((instance) => instance.healthy()));
      for (const instance of [...apps.process, ...apps.stats]) await instance.start();
      await Promise.all([...apps.process, ...apps.stats].map((instance) => instance.healthy()));
    } catch (error) {
      await system.dispose();
      throw error;
    }
    return system;
  }

  /** The name of the node that leads a stream now. */
  async leaderOf(stream: string): Promise<string | undefined> {
    const jsm = await this.nc.jetstreamManager({ timeout: 5000 });
    return (await jsm.streams.info(stream)).cluster?.leader;
  }

  /** The node that leads TRANSACTIONS. */
  async transactionsLeader(): Promise<ClusterNode> {
    const leader = await this.leaderOf(STREAMS.transactions);
    if (!leader) throw new Error(`${STREAMS.transactions} has no leader`);
    return this.cluster.node(leader);
  }

  /**
   * A node that leads none of the system's streams and buckets: the one leading fewest, after
   * asking each stream it leads to elect another leader.
   */
  async nodeLeadingNothing(): Promise<ClusterNode> {
    const jsm = await this.nc.jetstreamManager({ timeout: 5000 });
    for (let attempt = 0; attempt < 10; attempt++) {
      const leaders = await Promise.all(OUR_STREAMS.map((stream) => this.leaderOf(stream).catch(() => undefined)));
      const led = (name: string) => OUR_STREAMS.filter((_, index) => leaders[index] === name);
      const [node] = [...this.cluster.nodes].sort((a, b) => led(a.name).length - led(b.name).length);
      if (led(node.name).length === 0) return node;
      for (const stream of led(node.name)) {
        await jsm.streams.info(stream); // the stream exists
        await this.nc
          .request(`$JS.API.STREAM.LEADER.STEPDOWN.${stream}`, undefined, { timeout: 5000 })
          .catch(() => undefined);
      }
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    throw new Error('no node could be made to lead nothing of ours');
  }

  /** Every app instance that is running, its URL: for the closing report. */
  running(app: AppName): AppInstance[] {
    return this.apps[app].filter((instance) => instance.running);
  }

  async dispose(): Promise<void> {
    const all = [...this.apps.stats, ...this.apps.process, ...this.apps.ingest];
    await Promise.all(all.map((instance) => instance.stop()));
    await this.nc.close().catch(() => undefined);
    await this.cluster.dispose();
  }
}
