// 1. POST /transactions, one trade per request, 64 connections: ingest beside a minimal
// node:http server publishing the same way, each in its own process, under the same load.
import { stopAll } from '../cleanup';
import { launchApp, launchRole, startNats } from '../launcher';
import { runHttpLoad, type HttpLoadResult } from '../load/http-load';
import { NatsAdmin } from '../nats-admin';
import type { BenchOptions } from '../options';
import { metered } from '../proc-usage';
import { progress } from '../progress';
import { fmt, fmtCpu, type ScenarioResult } from '../report';
import { median } from '../stats';
import { TradeGenerator } from '../trades';
import { alternate } from './rounds';
import { medianCpu, type UsageByProcess } from './usage';

interface Run extends HttpLoadResult {
  usage: UsageByProcess;
}

export async function ingestScenario(options: BenchOptions): Promise<ScenarioResult> {
  const nats = await startNats();
  const admin = await NatsAdmin.connect(nats.url);
  try {
    const reference = launchRole('reference', { NATS_URL: nats.url });
    const ingest = await (await launchApp('ingest', nats.url)).healthy();
    const referenceUrl = String((await reference.next('ready')).url);
    const bodies = new TradeGenerator(11).trades(64).map((trade) => JSON.stringify(trade));

    const measure = async (url: string, pid: number, seconds: number): Promise<Run> => {
      const [result, usage] = await metered({ server: pid, nats: nats.pid, bench: process.pid }, () =>
        runHttpLoad({ url: `${url}/transactions`, bodies, connections: options.connections, durationSeconds: seconds }),
      );
      await admin.purgeTransactions();
      return { ...result, usage };
    };
    progress('1: warming up both servers');
    await measure(referenceUrl, reference.pid, options.warmupSeconds);
    await measure(ingest.url, ingest.pid, options.warmupSeconds);
    const runs = await alternate('1 ingest', options.rounds, {
      system: () => measure(ingest.url, ingest.pid, options.roundSeconds),
      baseline: () => measure(referenceUrl, reference.pid, options.roundSeconds),
    });
    await Promise.all([reference.stop(), ingest.stop()]);

    const m = (list: Run[], read: (run: Run) => number) => median(list.map(read));
    const rps = m(runs.system, (r) => r.okPerSecond);
    const refRps = m(runs.baseline, (r) => r.okPerSecond);
    const p99 = m(runs.system, (r) => r.p99Ms);
    const failed = runs.system.reduce((sum, r) => sum + r.failed, 0);
    const refFailed = runs.baseline.reduce((sum, r) => sum + r.failed, 0);
    const cpu = (list: Run[]) => fmtCpu(['server', 'nats', 'bench'].map((name) => medianCpu(list.map((r) => r.usage), name)));
    return {
      id: 1,
      title: `ingest POST /transactions, 1 trade/request, ${options.connections} connections`,
      baseline: 'node:http + JSON.parse + awaited js.publish',
      rows: [
        { figure: 'requests/s', system: fmt(rps), baseline: fmt(refRps), ratio: rps / refRps, target: 'ratio ≥ 0.75', ok: rps / refRps >= 0.75 },
        {
          figure: 'latency p50 / p99 ms',
          system: `${fmt(m(runs.system, (r) => r.p50Ms))} / ${fmt(p99)}`,
          baseline: `${fmt(m(runs.baseline, (r) => r.p50Ms))} / ${fmt(m(runs.baseline, (r) => r.p99Ms))}`,
          target: 'p99 ≤ 20',
          ok: p99 <= 20,
        },
        { figure: 'failed requests (all rounds)', system: String(failed), baseline: String(refFailed) },
        { figure: 'cpu % server / nats / bench', system: cpu(runs.system), baseline: cpu(runs.baseline) },
      ],
      details: { runs },
    };
  } finally {
    await admin.close();
    await stopAll();
  }
}
