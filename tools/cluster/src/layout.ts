import { CLUSTER_PORT_OFFSET, type ClusterOptions, MONITOR_PORT_OFFSET, UsageError } from './options';

export type AppName = 'ingest' | 'stats' | 'process';

/** In the order they start and are listed; `digit` is the last digit of each instance's port. */
const APPS: { name: AppName; digit: number; what: string }[] = [
  { name: 'ingest', digit: 1, what: 'POST /transactions, POST /transactions/batch' },
  { name: 'stats', digit: 2, what: 'dashboard at /, WebSocket at /ws' },
  { name: 'process', digit: 3, what: 'statistics fold' },
];

export interface NodeLayout {
  name: string;
  clientPort: number;
  clusterPort: number;
  /** nats-server's HTTP monitoring, on 127.0.0.1 as the rest. */
  monitorPort: number;
  url: string;
}

export interface AppInstanceLayout {
  app: AppName;
  /** ingest-1, ingest-2, ...; a process instance's INSTANCE_ID too. */
  name: string;
  port: number;
  url: string;
  what: string;
  env: Record<string, string>;
}

export interface ClusterLayout {
  nodes: NodeLayout[];
  /** Every node's client URL, comma-separated: the apps' NATS_URL, without their credentials. */
  natsUrl: string;
  apps: AppInstanceLayout[];
}

/**
 * Where everything listens and what each app is told, from the options; ports must not clash.
 * With passwords, each app's NATS_URL logs in as the app's own user.
 */
export function clusterLayout(options: ClusterOptions, passwords?: Record<AppName, string>): ClusterLayout {
  const nodes = options.natsPorts.map((clientPort, index) => ({
    name: `n${index + 1}`,
    clientPort,
    clusterPort: clientPort + CLUSTER_PORT_OFFSET,
    monitorPort: clientPort + MONITOR_PORT_OFFSET,
    url: `nats://127.0.0.1:${clientPort}`,
  }));
  const natsUrl = nodes.map((node) => node.url).join(',');
  const apps = APPS.flatMap(({ name: app, digit, what }) =>
    Array.from({ length: options[app] }, (_, index) => {
      const name = `${app}-${index + 1}`;
      const port = 3000 + 10 * index + digit;
      const login = passwords ? `${app}:${passwords[app]}@` : '';
      const env: Record<string, string> = {
        NATS_URL: nodes.map((node) => node.url.replace('nats://', `nats://${login}`)).join(','),
        JS_REPLICAS: '3',
        HOST: '127.0.0.1',
        PORT: String(port),
      };
      if (app === 'process') env['INSTANCE_ID'] = name;
      return { app, name, port, url: `http://127.0.0.1:${port}`, what, env };
    }),
  );
  const layout = { nodes, natsUrl, apps };
  const ports = portsOf(layout);
  const clashes = ports.filter((port, index) => ports.indexOf(port) !== index);
  if (clashes.length > 0) {
    throw new UsageError(`port ${clashes.join(', ')} would serve two things: choose other --nats-ports`);
  }
  return layout;
}

/** Every port the layout listens on. */
export function portsOf(layout: ClusterLayout): number[] {
  return [
    ...layout.nodes.flatMap((node) => [node.clientPort, node.clusterPort, node.monitorPort]),
    ...layout.apps.map((app) => app.port),
  ];
}
