// 6. The cluster: in one run, ingest (as scenario 1) and the fold (as scenario 3) on a three-node
// JetStream cluster on loopback (JS_REPLICAS=3: every stream and bucket on all three nodes; the
// apps' NATS_URL lists every node) beside the same on one nats-server, and two ingest instances
// beside one, both on the cluster (the same connections dealt out to both). One nats-server and
// the cluster run side by side throughout, each measurement against one of them while the other
// idles; the sides take turns round by round.
import { stopAll } from '../cleanup';
import { type AppChild, launchApp, type NatsTarget, startCluster, startNats } from '../launcher';
import { NatsAdmin } from '../nats-admin';
import type { BenchOptions } from '../options';
import { MACHINE } from '../proc-usage';
import { progress } from '../progress';
import { fmt, fmtCpu, fmtCpuTotal, fmtRoundRatios, type Row, type ScenarioResult } from '../report';
import { median } from '../stats';
import { TradeGenerator } from '../trades';
import { type FoldRun, prefillTransactions, timeFold } from './fold';
import { type HttpRun, meteredHttpLoad } from './http-run';
import { inTurn } from './rounds';
import { medianCpu, type UsageByProcess } from './usage';

interface Target extends NatsTarget {
  admin: NatsAdmin;
}

const m = <T>(list: T[], read: (run: T) => number) => median(list.map(read));
const names = (pids: Record<string, unknown>) => Object.keys(pids);

export async function clusterScenario(options: BenchOptions): Promise<ScenarioResult> {
  const admins: NatsAdmin[] = [];
  const on = async (target: NatsTarget, name: string): Promise<Target> => {
    const admin = await NatsAdmin.connect(target.url, name);
    admins.push(admin);
    return { ...target, admin };
  };
  try {
    progress('6: starting one nats-server and a three-node cluster');
    const [oneServer, clusterNodes] = await Promise.all([startNats(), startCluster()]);
    const [one, cluster] = await Promise.all([on(oneServer, 'bench-one'), on(clusterNodes, 'bench-cluster')]);
    const nodeNames = names(cluster.pids);
    progress('6: starting ingest on each, then a second ingest on the cluster');
    const ingestOn = (target: Target) =>
      launchApp('ingest', target.url, { env: target.env }).then((app) => app.healthy());
    const [ingestOne, ingestCluster] = await Promise.all([ingestOn(one), ingestOn(cluster)]);
    const ingestCluster2 = await ingestOn(cluster); // once the first has provisioned the streams
    const bodies = new TradeGenerator(11).trades(64).map((trade) => JSON.stringify(trade));

    const load = (target: Target, apps: AppChild[], seconds: number): Promise<HttpRun> =>
      meteredHttpLoad(
        {
          url: apps.map((app) => `${app.url}/transactions`),
          bodies,
          connections: options.connections,
          durationSeconds: seconds,
        },
        { ...Object.fromEntries(apps.map((app, i) => [i ? `ingest ${i + 1}` : 'ingest', app.pid])), ...target.pids },
        target.admin,
      );
    const sides = {
      'one node': (seconds: number) => load(one, [ingestOne], seconds),
      cluster: (seconds: number) => load(cluster, [ingestCluster], seconds),
      'cluster, 2 ingest': (seconds: number) => load(cluster, [ingestCluster, ingestCluster2], seconds),
    };
    progress('6: warming up');
    for (const side of Object.values(sides)) await side(options.warmupSeconds);
    const ingestRuns = await inTurn('6 cluster ingest', options.rounds, {
      'one node': () => sides['one node'](options.clusterRoundSeconds),
      cluster: () => sides.cluster(options.clusterRoundSeconds),
      'cluster, 2 ingest': () => sides['cluster, 2 ingest'](options.clusterRoundSeconds),
    });
    const leader = await cluster.admin.transactionsLeader();
    await Promise.all([ingestOne.stop(), ingestCluster.stop(), ingestCluster2.stop()]);

    const count = options.clusterFoldTrades;
    const prefilled = {
      oneNode: await prefillTransactions('6 one node', one, one.admin, count),
      cluster: await prefillTransactions('6 cluster', cluster, cluster.admin, count),
    };
    const foldRuns = await inTurn('6 cluster fold', options.rounds, {
      'one node': () => timeFold(one, one.admin, count),
      cluster: () => timeFold(cluster, cluster.admin, count),
    });

    const cpu = (runs: { usage: UsageByProcess }[], apps: string[], target: Target) =>
      fmtCpuTotal(
        [medianCpu(usages(runs), apps), medianCpu(usages(runs), names(target.pids)), medianCpu(usages(runs), 'bench')],
        medianCpu(usages(runs), MACHINE),
      );
    const perNode = (runs: { usage: UsageByProcess }[]) =>
      fmtCpu(nodeNames.map((node) => medianCpu(usages(runs), node)));
    const twoApps = ['ingest', 'ingest 2'];
    const [oneIngest, clusterIngest, twoIngest] = [
      ingestRuns['one node'],
      ingestRuns.cluster,
      ingestRuns['cluster, 2 ingest'],
    ];
    const [oneFold, clusterFold] = [foldRuns['one node'], foldRuns.cluster];
    const c = options.connections;
    return {
      id: 6,
      title: `the cluster: three nats-servers on loopback, JS_REPLICAS=3, NATS_URL listing all nodes`,
      baseline: 'the same on one nats-server (JS_REPLICAS=1); in c, one ingest instance on the cluster',
      rows: [
        ...httpRows(
          `a. ingest POST /transactions, 1 trade/request, ${c} connections: requests/s`,
          clusterIngest,
          oneIngest,
        ),
        {
          figure: '   cpu % ingest / nats (all nodes) / bench = sum; whole machine',
          system: cpu(clusterIngest, ['ingest'], cluster),
          baseline: cpu(oneIngest, ['ingest'], one),
        },
        {
          figure: `   cpu % of each node ${nodeNames.join(' / ')} (TRANSACTIONS led by ${leader ?? '?'})`,
          system: perNode(clusterIngest),
        },
        ...foldRows(
          `b. the fold of ${count.toLocaleString('en-US')} pre-filled trades: trades/s (spawn to KV counted)`,
          clusterFold,
          oneFold,
        ),
        {
          figure: '   cpu % process / nats (all nodes) / bench = sum; whole machine',
          system: cpu(clusterFold, ['process'], cluster),
          baseline: cpu(oneFold, ['process'], one),
        },
        { figure: `   cpu % of each node ${nodeNames.join(' / ')}`, system: perNode(clusterFold) },
        ...httpRows(
          `c. 2 ingest instances, ${c / 2} connections each | 1 with ${c}, on the cluster: requests/s`,
          twoIngest,
          clusterIngest,
        ),
        {
          figure: '   cpu % ingest (both) / nats (all nodes) / bench = sum; whole machine',
          system: cpu(twoIngest, twoApps, cluster),
          baseline: cpu(clusterIngest, ['ingest'], cluster),
        },
      ],
      details: { leader, prefilled, ingest: ingestRuns, fold: foldRuns },
    };
  } finally {
    await Promise.all(admins.map((admin) => admin.close()));
    await stopAll();
  }
}

const usages = (runs: { usage: UsageByProcess }[]) => runs.map((run) => run.usage);

/** Requests/s with its ratio, latency and failures of two sides of HTTP load. */
function httpRows(figure: string, system: HttpRun[], baseline: HttpRun[]): Row[] {
  const rps = (runs: HttpRun[]) => m(runs, (r) => r.okPerSecond);
  const latency = (runs: HttpRun[]) => `${fmt(m(runs, (r) => r.p50Ms))} / ${fmt(m(runs, (r) => r.p99Ms))}`;
  const failed = (runs: HttpRun[]) => String(runs.reduce((sum, r) => sum + r.failed, 0));
  return [
    { figure, system: fmt(rps(system)), baseline: fmt(rps(baseline)), ratio: rps(system) / rps(baseline) },
    { figure: '   latency p50 / p99 ms', system: latency(system), baseline: latency(baseline) },
    {
      figure: '   ratio in each round',
      system: fmtRoundRatios(
        system.map((r) => r.okPerSecond),
        baseline.map((r) => r.okPerSecond),
      ),
    },
    { figure: '   failed requests (all rounds)', system: failed(system), baseline: failed(baseline) },
  ];
}

/** Trades/s with its ratio, and the seconds of two sides of the fold. */
function foldRows(figure: string, system: FoldRun[], baseline: FoldRun[]): Row[] {
  const tps = (runs: FoldRun[]) => m(runs, (r) => r.tradesPerSecond);
  const seconds = (runs: FoldRun[]) =>
    `${fmt(m(runs, (r) => r.seconds))} / ${fmt(m(runs, (r) => r.firstProgressSeconds ?? NaN))}`;
  return [
    { figure, system: fmt(tps(system)), baseline: fmt(tps(baseline)), ratio: tps(system) / tps(baseline) },
    {
      figure: '   ratio in each round',
      system: fmtRoundRatios(
        system.map((r) => r.tradesPerSecond),
        baseline.map((r) => r.tradesPerSecond),
      ),
    },
    { figure: '   seconds: whole / to first KV total', system: seconds(system), baseline: seconds(baseline) },
  ];
}
