// docker/compose.yaml's monitoring, for consistency (no Docker engine runs the tests): an exporter
// beside each node, Prometheus's targets against the compose services and their ports, Grafana's
// provisioning against its mounts, and every metric the dashboard's queries name against what the
// built apps serve on GET /metrics, running on a real nats-server.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  type AppProcess,
  freePort,
  natsConfigFile,
  type NatsServerHandle,
  spawnApp,
  startNatsServer,
  untilHealthy,
} from '@tradeflow/testing';
import { parse } from 'yaml';
import { APP_NAMES, appOf, composeServices, docker, dockerFile, env, hostPathOf } from './spec-helpers';

interface ScrapeConfig {
  job_name: string;
  metrics_path?: string;
  static_configs: { targets: string[] }[];
}
interface Panel {
  id: number;
  title: string;
  datasource: { uid: string };
  targets: { expr: string; datasource: { uid: string } }[];
}

/** The exporter's port when its command line names none (its -port flag). */
const EXPORTER_PORT = 7777;
/**
 * What prometheus-nats-exporter makes of a node: `-varz` one gauge `gnatsd_varz_<key>` for each number in
 * its /varz (the keys the dashboard uses are checked on a real server below), `-jsz=all` these
 * (its collector/jsz.go), labelled server_id (the node's name, -use_internal_server_name), stream_name ...
 */
const EXPORTER_VARZ_KEYS = ['connections', 'in_msgs', 'out_msgs', 'in_bytes', 'out_bytes', 'slow_consumers', 'mem'];
const EXPORTER_JETSTREAM_METRICS = [
  'jetstream_server_total_streams',
  'jetstream_server_total_consumers',
  'jetstream_server_total_messages',
  'jetstream_server_total_message_bytes',
  'jetstream_stream_total_messages',
  'jetstream_stream_total_bytes',
  'jetstream_stream_first_seq',
  'jetstream_stream_last_seq',
  'jetstream_stream_consumer_count',
  'jetstream_consumer_num_pending',
  'jetstream_consumer_num_ack_pending',
  'jetstream_consumer_num_redelivered',
];
const exporterMetrics = [...EXPORTER_VARZ_KEYS.map((key) => `gnatsd_varz_${key}`), ...EXPORTER_JETSTREAM_METRICS];
/** The panels the dashboard must have, by a metric each names. */
const REQUIRED_METRICS = [
  'tradeflow_trades_accepted_total',
  'tradeflow_trades_refused_total',
  'tradeflow_http_request_duration_seconds_bucket',
  'tradeflow_partition_lag',
  'tradeflow_ws_clients',
  'tradeflow_stream_messages',
];

const services = composeServices();
const service = (name: string) => services.find(([other]) => other === name)?.[1] ?? {};
const nodes = services.filter(([, node]) => node.image?.startsWith('nats:'));
const exporters = services.filter(([, exporter]) => exporter.image?.startsWith('natsio/prometheus-nats-exporter:'));
/** The value after `name` on a command line, if it is there. */
const flag = (command: string[] = [], name: string) =>
  command.includes(name) ? command[command.indexOf(name) + 1] : undefined;
/** The port a service listens on inside the network: an app's PORT, an exporter's, Prometheus's and Grafana's own. */
function listensOn(name: string): number | undefined {
  const target = service(name);
  if (target.build) return Number(env(target)['PORT']);
  if (exporters.some(([exporter]) => exporter === name)) return Number(flag(target.command, '-port') ?? EXPORTER_PORT);
  return { prometheus: 9090, grafana: 3000 }[name];
}

const scrapeConfigs = (parse(dockerFile('prometheus/prometheus.yml')) as { scrape_configs: ScrapeConfig[] })
  .scrape_configs;
const targetsOf = (job: string) =>
  scrapeConfigs.find((config) => config.job_name === job)?.static_configs.flatMap((config) => config.targets) ?? [];
const panels = (JSON.parse(dockerFile('grafana/dashboards/tradeflow.json')) as { panels: Panel[] }).panels;

/** The metric names a PromQL expression reads: not its functions, aggregations, labels, strings or ranges. */
function metricNamesIn(expr: string): string[] {
  const bare = expr
    .replace(/"[^"]*"/g, '')
    .replace(/\{[^}]*\}/g, '')
    .replace(/\[[^\]]*\]/g, '')
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, '');
  const words = [...bare.matchAll(/\b[A-Za-z_]\w*\b(?!\s*\()/g)].map((match) => match[0]);
  return words.filter((word) => !['and', 'or', 'unless', 'bool', 'offset', 'Inf', 'NaN'].includes(word));
}

/**
 * The series names a /metrics page declares (`# TYPE`), a histogram's _bucket, _sum and _count:
 * declared, not sampled, as a labelled metric has no sample until its first use.
 */
function seriesNamesIn(exposition: string): string[] {
  return [...exposition.matchAll(/^# TYPE (\w+) (\w+)$/gm)].flatMap(([, name, type]) => {
    if (type === 'histogram') return [`${name}_bucket`, `${name}_sum`, `${name}_count`];
    if (type === 'summary') return [name, `${name}_sum`, `${name}_count`];
    return [name];
  });
}

describe('docker/compose.yaml: prometheus-nats-exporter', () => {
  it("runs one exporter beside each node, reading the node's monitoring port (-varz, -jsz=all)", () => {
    expect(exporters.map(([, exporter]) => exporter.depends_on)).toEqual(nodes.map(([node]) => [node]));
    for (const [, exporter] of exporters) {
      const [node] = exporter.depends_on ?? [];
      const monitoring = flag(service(node).command, '-m');
      expect(monitoring).toBe('8222');
      expect(exporter.command).toEqual(expect.arrayContaining(['-varz', '-jsz=all', '-use_internal_server_name']));
      expect(exporter.command?.at(-1)).toBe(`http://${node}:${monitoring}`);
      expect(exporter.ports).toBeUndefined();
    }
  });
});

describe('docker/prometheus/prometheus.yml', () => {
  const prometheus = service('prometheus');

  it('is mounted where the official image reads its configuration, and promtool accepts it', () => {
    expect(prometheus.image).toMatch(/^prom\/prometheus:v3\./);
    expect(hostPathOf(prometheus, '/etc/prometheus/prometheus.yml')).toBe(join(docker, 'prometheus/prometheus.yml'));
    const check = spawnSync('promtool', ['check', 'config', join(docker, 'prometheus/prometheus.yml')], {
      encoding: 'utf8',
    });
    expect({ status: check.status, said: check.stdout.trim() }).toEqual({
      status: 0,
      said: expect.stringContaining('SUCCESS'),
    });
  });

  it("scrapes each app's every instance at the PORT it listens on, and the nodes through their exporters", () => {
    expect(scrapeConfigs.map((config) => config.job_name)).toEqual([...APP_NAMES, 'nats']);
    for (const app of APP_NAMES) {
      const instances = services.filter(([, instance]) => appOf(instance) === app);
      expect(targetsOf(app)).toEqual(instances.map(([name]) => `${name}:${listensOn(name)}`));
    }
    expect(targetsOf('nats')).toEqual(exporters.map(([name]) => `${name}:${listensOn(name)}`));
  });

  it('names only compose services and the ports they listen on, at /metrics', () => {
    const targets = scrapeConfigs.flatMap((config) => config.static_configs.flatMap((each) => each.targets));
    expect(targets.length).toBeGreaterThan(0);
    for (const target of targets) {
      const [name, port] = target.split(':');
      expect([target, listensOn(name)]).toEqual([target, Number(port)]);
    }
    for (const config of scrapeConfigs) expect(config.metrics_path ?? '/metrics').toBe('/metrics');
  });
});

describe('docker/grafana', () => {
  const grafana = service('grafana');
  const provisioning = (path: string) =>
    parse(readFileSync(hostPathOf(grafana, `/etc/grafana/provisioning/${path}`) ?? '-', 'utf8'));
  const [datasource] = provisioning('datasources/prometheus.yaml').datasources as { uid: string; url: string }[];

  it('provisions the compose Prometheus as the data source', () => {
    expect(grafana.image).toMatch(/^grafana\/grafana:/);
    expect(datasource.url).toBe(`http://prometheus:${listensOn('prometheus')}`);
    expect(grafana.depends_on).toEqual(['prometheus']);
  });

  it('loads the dashboards from where they are mounted, tradeflow.json its home page', () => {
    const [provider] = provisioning('dashboards/tradeflow.yaml').providers as { options: { path: string } }[];
    expect(hostPathOf(grafana, `${provider.options.path}/tradeflow.json`)).toBe(
      join(docker, 'grafana/dashboards/tradeflow.json'),
    );
    const home = hostPathOf(grafana, env(grafana)['GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH']) ?? '-';
    expect(existsSync(home)).toBe(true);
  });

  it("asks the provisioned data source in every panel, each with a query and an id of its own, and has the issue's panels", () => {
    expect(new Set(panels.map((panel) => panel.id)).size).toBe(panels.length);
    for (const panel of panels) {
      expect(panel.datasource.uid).toBe(datasource.uid);
      expect(panel.targets.length).toBeGreaterThan(0);
      for (const target of panel.targets) {
        expect(target.datasource.uid).toBe(datasource.uid);
        expect([panel.title, metricNamesIn(target.expr).length > 0]).toEqual([panel.title, true]);
      }
    }
    const named = panels.flatMap((panel) => panel.targets.flatMap((target) => metricNamesIn(target.expr)));
    expect(named).toEqual(expect.arrayContaining(REQUIRED_METRICS));
  });
});

describe('the dashboard against the running apps and nats-server (built apps, real nats-server)', () => {
  let server: NatsServerHandle;
  let monitoringPort: number;
  const apps: AppProcess[] = [];
  const exported = new Set<string>(exporterMetrics);

  beforeAll(async () => {
    monitoringPort = await freePort();
    server = await startNatsServer({ configFile: await natsConfigFile(`http: "127.0.0.1:${monitoringPort}"`) });
    for (const app of APP_NAMES) {
      const running = await spawnApp(app, { NATS_URL: server.url });
      apps.push(running);
      await untilHealthy(running.url, {
        timeoutMs: 30_000,
        alive: running.running,
        context: () => `${app}'s output ends:\n${running.output()}`,
      });
      const metrics = await fetch(`${running.url}/metrics`);
      expect(metrics.status).toBe(200);
      for (const name of seriesNamesIn(await metrics.text())) exported.add(name);
    }
  });

  afterAll(async () => {
    await Promise.all(apps.map((app) => app.stop()));
    await server?.dispose();
  });

  it("names in each query only metrics the apps' /metrics or the exporter serve", () => {
    const unknown = panels.flatMap((panel) =>
      panel.targets.flatMap((target) =>
        metricNamesIn(target.expr)
          .filter((name) => !exported.has(name))
          .map((name) => `${panel.title}: ${name}`),
      ),
    );
    expect(unknown).toEqual([]);
  });

  it("takes the exporter's gnatsd_varz_* from numbers a real node's /varz has", async () => {
    const varz = (await (await fetch(`http://127.0.0.1:${monitoringPort}/varz`)).json()) as Record<string, unknown>;
    expect(EXPORTER_VARZ_KEYS.filter((key) => typeof varz[key] !== 'number')).toEqual([]);
  });
});
