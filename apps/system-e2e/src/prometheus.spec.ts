import { EXAMPLE_TRADE } from '@tradeflow/contract';
import {
  type AppProcess,
  eventually,
  type NatsServerHandle,
  postJson,
  type PrometheusHandle,
  publishRaw,
  spawnApp,
  startNatsServer,
  startPrometheus,
  untilHealthy,
  workspaceRoot,
  WsClient,
} from '@tradeflow/testing';
import { SUBJECTS } from '@tradeflow/topology';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';

// The project's monitoring as it ships, against a real Prometheus: the scrape config
// docker/prometheus/prometheus.yml (only its targets moved to this test's loopback ports, and
// scraped every second) over the three built apps on one nats-server, under a load that touches
// every panel; then every query of the Grafana dashboard docker/grafana/dashboards/tradeflow.json
// must have data. The nats job scrapes prometheus-nats-exporter, which is not installed here: the
// job keeps no target, and the panels that read the exporter's metrics are listed, not queried.
type AppName = 'ingest' | 'process' | 'stats';
const APPS: AppName[] = ['ingest', 'process', 'stats'];
/** The scrape config's job that reads NATS through prometheus-nats-exporter. */
const NATS_EXPORTER_JOB = 'nats';
/** The exporter's metrics: gnatsd_varz_*, gnatsd_connz_*, ... (its default prefix), jetstream_* (-jsz). */
const NATS_EXPORTER_METRIC = /\b(gnatsd|jetstream)_\w+/;
/** What Grafana fills its interval variables with; one scrape a second leaves plenty of samples in it. */
const GRAFANA_INTERVAL = /\$__(rate_interval|interval|range)\b/g;
const QUERY_WINDOW = '1m';
const STARTED_WITHIN_MS = 60_000;
const DATA_WITHIN_MS = 30_000;

const root = workspaceRoot();
const apps = {} as Record<AppName, AppProcess>;
const clients: WsClient[] = [];
let server: NatsServerHandle;
let prometheus: PrometheusHandle;

interface ScrapeConfig {
  global?: Record<string, unknown>;
  scrape_configs: { job_name: string; static_configs: { targets: string[] }[] }[];
}

/** docker/prometheus/prometheus.yml with each app's job aimed at this test's instance, scraped every second. */
function scrapeConfig(): string {
  const config = parse(readFileSync(join(root, 'docker/prometheus/prometheus.yml'), 'utf8')) as ScrapeConfig;
  config.global = { ...config.global, scrape_interval: '1s', evaluation_interval: '1s' };
  for (const job of config.scrape_configs) {
    const target = job.job_name === NATS_EXPORTER_JOB ? undefined : hostPortOf(job.job_name);
    job.static_configs = [{ targets: target === undefined ? [] : [target] }];
  }
  return stringify(config);
}

function hostPortOf(job: string): string {
  if (!APPS.includes(job as AppName)) throw new Error(`job ${job} of the scrape config scrapes nothing this test runs`);
  return new URL(apps[job as AppName].url).host;
}

interface Panel {
  title: string;
  targets?: { expr?: string }[];
  panels?: Panel[];
}

/** Every panel's queries, those in rows too, with Grafana's interval variables filled in. */
function dashboardQueries(): { panel: string; expr: string }[] {
  const dashboard = JSON.parse(readFileSync(join(root, 'docker/grafana/dashboards/tradeflow.json'), 'utf8'));
  const queriesOf = (panel: Panel): { panel: string; expr: string }[] => [
    ...(panel.targets ?? []).flatMap(({ expr }) =>
      expr === undefined ? [] : [{ panel: panel.title, expr: expr.replace(GRAFANA_INTERVAL, QUERY_WINDOW) }],
    ),
    ...(panel.panels ?? []).flatMap(queriesOf),
  ];
  return (dashboard.panels as Panel[]).flatMap(queriesOf);
}

const queries = dashboardQueries();
const appQueries = queries.filter(({ expr }) => !NATS_EXPORTER_METRIC.test(expr));

/** Each target's last scrape, in seconds since the epoch, by job. */
async function lastScrapes(): Promise<Record<string, number>> {
  const samples = await prometheus.query('timestamp(up)');
  return Object.fromEntries(samples.map((sample) => [sample.metric['job'], sample.value]));
}

/** Waits until Prometheus has scraped every app since now. */
async function scrapedSinceNow(): Promise<void> {
  const now = Date.now() / 1000;
  await eventually(async () => {
    const scrapes = await lastScrapes();
    expect(APPS.filter((app) => !(scrapes[app] > now))).toEqual([]);
  }, DATA_WITHIN_MS);
}

/** Trades by every way in, accepted and refused, so that each counter moves. */
async function load(wave: number): Promise<void> {
  const ingest = `${apps.ingest.url}/transactions`;
  const trade = (way: string) => ({ ...EXAMPLE_TRADE, userId: `wave-${wave}-${way}` });
  expect((await postJson(ingest, trade('http'))).status).toBe(202);
  expect((await postJson(`${ingest}/batch`, [trade('batch-1'), trade('batch-2')])).status).toBe(202);
  expect((await postJson(ingest, { ...trade('invalid'), amountSell: -5 })).status).toBe(400);
  expect((await postJson(ingest, '{"userId":')).status).toBe(400);
  await publishRaw(server.url, SUBJECTS.submit, JSON.stringify(trade('nats')));
}

beforeAll(async () => {
  server = await startNatsServer();
  for (const app of APPS) apps[app] = await spawnApp(app, { NATS_URL: server.url });
  for (const app of APPS) {
    await untilHealthy(apps[app].url, {
      timeoutMs: STARTED_WITHIN_MS,
      alive: apps[app].running,
      context: apps[app].output,
    });
  }
  prometheus = await startPrometheus(scrapeConfig());
  // A client on each feed: the full one, as every client starts, and the summary.
  for (const feed of ['full', 'summary']) {
    const client = await WsClient.open(`${apps.stats.url.replace('http', 'ws')}/ws`);
    client.send(JSON.stringify({ event: 'subscribe', data: { feed } }));
    clients.push(client);
  }
  // Two waves, a scrape apart: a series first seen in one wave has grown by the next, so every
  // rate and quantile has a value rather than none or NaN.
  await scrapedSinceNow();
  await load(1);
  await scrapedSinceNow();
  await load(2);
}, 3 * STARTED_WITHIN_MS);

afterAll(async () => {
  for (const client of clients) client.close();
  await prometheus?.dispose();
  await Promise.all(Object.values(apps).map((app) => app.stop()));
  await server?.dispose();
});

test("Prometheus scrapes every app of the project's scrape config: up is 1 for each", async () => {
  const up = await prometheus.query('up');
  expect(up.map(({ metric, value }) => [metric['job'], value]).sort()).toEqual(APPS.map((app) => [app, 1]));
});

test('every dashboard query reads the apps or, alone, the NATS exporter; no Grafana variable is left', () => {
  expect(appQueries.length).toBeGreaterThan(0);
  expect(queries.filter(({ expr }) => expr.includes('$'))).toEqual([]);
  const exporterQueries = queries.filter((query) => !appQueries.includes(query));
  expect(exporterQueries.filter(({ expr }) => /\b(tradeflow|nodejs|process)_/.test(expr))).toEqual([]);
});

test.each(appQueries)('panel "$panel" has data: $expr', async ({ expr }) => {
  await eventually(async () => {
    const samples = await prometheus.query(expr);
    expect(samples.filter((sample) => !Number.isNaN(sample.value))).not.toEqual([]);
  }, DATA_WITHIN_MS);
});
