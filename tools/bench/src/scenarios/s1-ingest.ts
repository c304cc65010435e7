// 1. POST /transactions, one trade per request, 64 connections: ingest beside a minimal
// node:http server publishing the same way, each in its own process, under the same load; the
// reference with js.publish (the issue's) and, in the same rounds, with ingest's own publisher.
import { stopAll } from '../cleanup';
import { launchApp, launchRole, startNats } from '../launcher';
import { NatsAdmin } from '../nats-admin';
import type { BenchOptions } from '../options';
import { progress } from '../progress';
import { fmt, type ScenarioResult } from '../report';
import { median } from '../stats';
import { TradeGenerator } from '../trades';
import { type HttpRun, meteredHttpLoad } from './http-run';
import { alternate } from './rounds';
import { cpuColumns } from './usage';

interface Run extends HttpRun {
  /** The baseline's round also ran the reference with ingest's publisher. */
  acked?: Run;
}

const CPU_ROLES = ['server', 'nats', 'bench'];

export async function ingestScenario(options: BenchOptions): Promise<ScenarioResult> {
  const nats = await startNats();
  const admin = await NatsAdmin.connect(nats.url);
  try {
    const reference = launchRole('reference', { NATS_URL: nats.url });
    const ackedReference = launchRole('reference', { NATS_URL: nats.url, PUBLISHER: 'acked' });
    const ingest = await (await launchApp('ingest', nats.url)).healthy();
    const referenceUrl = String((await reference.next('ready')).url);
    const ackedReferenceUrl = String((await ackedReference.next('ready')).url);
    const bodies = new TradeGenerator(11).trades(64).map((trade) => JSON.stringify(trade));

    const measure = (url: string, pid: number, seconds: number): Promise<Run> =>
      meteredHttpLoad(
        { url: `${url}/transactions`, bodies, connections: options.connections, durationSeconds: seconds },
        { server: pid, nats: nats.pid },
        admin,
      );
    const baseline = async (seconds: number): Promise<Run> => ({
      ...(await measure(referenceUrl, reference.pid, seconds)),
      acked: await measure(ackedReferenceUrl, ackedReference.pid, seconds),
    });
    progress('1: warming up the servers');
    await baseline(options.warmupSeconds);
    await measure(ingest.url, ingest.pid, options.warmupSeconds);
    const runs = await alternate('1 ingest', options.rounds, {
      system: () => measure(ingest.url, ingest.pid, options.roundSeconds),
      baseline: () => baseline(options.roundSeconds),
    });
    await Promise.all([reference.stop(), ackedReference.stop(), ingest.stop()]);
    const acked = runs.baseline.map((run) => run.acked as Run);

    const m = (list: Run[], read: (run: Run) => number) => median(list.map(read));
    const rps = m(runs.system, (r) => r.okPerSecond);
    const refRps = m(runs.baseline, (r) => r.okPerSecond);
    const p99 = m(runs.system, (r) => r.p99Ms);
    const failed = runs.system.reduce((sum, r) => sum + r.failed, 0);
    const refFailed = runs.baseline.reduce((sum, r) => sum + r.failed + (r.acked?.failed ?? 0), 0);
    return {
      id: 1,
      title: `ingest POST /transactions, 1 trade/request, ${options.connections} connections`,
      baseline: 'node:http + JSON.parse + awaited js.publish',
      rows: [
        {
          figure: 'requests/s',
          system: fmt(rps),
          baseline: fmt(refRps),
          ratio: rps / refRps,
          target: 'ratio ≥ 0.75',
          ok: rps / refRps >= 0.75,
        },
        {
          figure: 'latency p50 / p99 ms',
          system: `${fmt(m(runs.system, (r) => r.p50Ms))} / ${fmt(p99)}`,
          baseline: `${fmt(m(runs.baseline, (r) => r.p50Ms))} / ${fmt(m(runs.baseline, (r) => r.p99Ms))}`,
          target: 'p99 ≤ 20',
          ok: p99 <= 20,
        },
        {
          figure: 'failed requests (all rounds; baseline: both references)',
          system: String(failed),
          baseline: String(refFailed),
        },
        {
          figure: 'cpu % server / nats / bench',
          system: cpuColumns(runs.system, CPU_ROLES),
          baseline: cpuColumns(runs.baseline, CPU_ROLES),
        },
        {
          figure: "reference with ingest's publisher: requests/s; p50 / p99 ms",
          system: `${fmt(rps)}; ${fmt(m(runs.system, (r) => r.p50Ms))} / ${fmt(p99)}`,
          baseline: `${fmt(m(acked, (r) => r.okPerSecond))}; ${fmt(m(acked, (r) => r.p50Ms))} / ${fmt(m(acked, (r) => r.p99Ms))}`,
          ratio: rps / m(acked, (r) => r.okPerSecond),
        },
      ],
      details: { runs },
    };
  } finally {
    await admin.close();
    await stopAll();
  }
}
