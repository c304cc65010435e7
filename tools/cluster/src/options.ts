import { parseArgs } from 'node:util';

export interface ClusterOptions {
  /** Instances of each app. */
  ingest: number;
  process: number;
  stats: number;
  /** Client ports of n1, n2, n3. */
  natsPorts: number[];
  syncAlways: boolean;
  help: boolean;
}

/** Each instance is a Node process of 100 MB or more; ten of an app is plenty on one machine. */
export const MAX_INSTANCES = 10;
/** A node's cluster (route) port is its client port plus this: 4222 → 6222, NATS's defaults. */
export const CLUSTER_PORT_OFFSET = 2000;
/** A node's HTTP monitoring port (/varz, /jsz, ...) is its client port plus this: 4222 → 8222, NATS's default. */
export const MONITOR_PORT_OFFSET = 4000;
const DEFAULT_NATS_PORTS = [4222, 4223, 4224];

export const USAGE = `Usage: npm run cluster -- [--ingest N] [--process N] [--stats N] [--sync-always] [--nats-ports A,B,C]

Starts tradeflow on a three-node JetStream cluster on 127.0.0.1: nats-server nodes n1, n2, n3,
each configured from docker/nats/cluster-node.conf, with their stores in .data/cluster/n1..n3
(kept across runs); then the apps, with JS_REPLICAS=3 and NATS_URL listing every node. Each app
logs in as its own user, as with npm start (docker/nats/authorization.conf; the passwords in
tmp/nats/credentials.json); a client without credentials may only submit and read.
Ctrl-C stops the apps (each drains its connection), then the nodes.

  --ingest N            ingest instances, 1 to ${MAX_INSTANCES} (default 1)
  --process N           process instances, 1 to ${MAX_INSTANCES} (default 1); they share the TX_PARTITIONS
                        partitions, so more instances than partitions leave some idle
  --stats N             stats instances, 1 to ${MAX_INSTANCES} (default 1)
  --sync-always         jetstream { sync_interval: always } on every node: each write on disk before
                        it is acknowledged. nats-server 2.10 and newer; an older server is started
                        without it, with a warning
  --nats-ports A,B,C    client ports of n1, n2, n3 (default ${DEFAULT_NATS_PORTS.join(',')}); each node's
                        cluster port is ${CLUSTER_PORT_OFFSET} above its client port, its HTTP monitoring
                        port (/varz, /jsz) ${MONITOR_PORT_OFFSET} above
  -h, --help            this text

Ports of the apps: the last digit names the app (1 ingest, 2 stats, 3 process), the tens the
instance: ingest 3001, 3011, 3021, ...; stats 3002, 3012, ...; process 3003, 3013, ...
Process instances are named process-1, process-2, ... (INSTANCE_ID). Everything else the apps
read (TX_PARTITIONS, LOG_LEVEL, ...) comes from the environment, as with npm start.`;

/** A mistake on the command line: the tool prints it with a pointer to --help and exits 2. */
export class UsageError extends Error {}

export function parseOptions(args: string[]): ClusterOptions {
  const { values } = parse(args);
  return {
    ingest: count('ingest', values.ingest),
    process: count('process', values.process),
    stats: count('stats', values.stats),
    natsPorts: values['nats-ports'] === undefined ? DEFAULT_NATS_PORTS : natsPorts(values['nats-ports']),
    syncAlways: values['sync-always'] ?? false,
    help: values.help ?? false,
  };
}

function parse(args: string[]) {
  try {
    return parseArgs({
      args,
      strict: true,
      allowPositionals: false,
      options: {
        ingest: { type: 'string' },
        process: { type: 'string' },
        stats: { type: 'string' },
        'nats-ports': { type: 'string' },
        'sync-always': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    // Node's own message, without its advice on positional arguments, which this tool takes none of.
    throw new UsageError(String((error as Error).message).replace(/\. To specify a positional.*$/s, ''));
  }
}

function count(flag: string, value: string | undefined): number {
  if (value === undefined) return 1;
  const n = /^\d+$/.test(value) ? Number(value) : NaN;
  if (!(n >= 1 && n <= MAX_INSTANCES)) {
    throw new UsageError(`--${flag} takes a whole number of instances from 1 to ${MAX_INSTANCES}, not '${value}'`);
  }
  return n;
}

function natsPorts(value: string): number[] {
  const ports = value.split(',').map((part) => (/^\d+$/.test(part.trim()) ? Number(part) : NaN));
  const highest = 65535 - Math.max(CLUSTER_PORT_OFFSET, MONITOR_PORT_OFFSET);
  const valid = ports.length === 3 && ports.every((port) => port >= 1024 && port <= highest);
  if (!valid || new Set(ports).size !== 3) {
    throw new UsageError(
      `--nats-ports takes three different ports from 1024 to ${highest}, comma-separated (as ${DEFAULT_NATS_PORTS.join(',')}), not '${value}'`,
    );
  }
  return ports;
}
