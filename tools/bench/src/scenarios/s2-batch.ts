// 2. POST /transactions/batch (500 trades a request, a few connections) beside the raw ceiling:
// one nats.js process publishing the same canonical trades with awaited acks, as many in flight,
// with js.publish (the baseline) and, in the same rounds, with ingest's own publisher.
import { stopAll } from '../cleanup';
import { launchApp, launchRole, startNats } from '../launcher';
import { NatsAdmin } from '../nats-admin';
import type { BenchOptions } from '../options';
import { metered } from '../proc-usage';
import { progress } from '../progress';
import { fmt, type ScenarioResult } from '../report';
import { median } from '../stats';
import { TradeGenerator } from '../trades';
import { meteredHttpLoad } from './http-run';
import { alternate } from './rounds';
import { cpuColumns, type UsageByProcess } from './usage';

interface Run {
  tradesPerSecond: number;
  failed: number;
  p50Ms?: number;
  p99Ms?: number;
  usage: UsageByProcess;
  /** The baseline's round also ran the raw publish with ingest's publisher. */
  acked?: Run;
}

const CPU_ROLES = ['server', 'nats', 'bench'];

export async function batchScenario(options: BenchOptions): Promise<ScenarioResult> {
  const nats = await startNats();
  const admin = await NatsAdmin.connect(nats.url);
  try {
    const publisher = launchRole('raw-publisher', { NATS_URL: nats.url });
    const ackedPublisher = launchRole('raw-publisher', { NATS_URL: nats.url, PUBLISHER: 'acked' });
    const ingest = await (await launchApp('ingest', nats.url)).healthy();
    await Promise.all([publisher.next('ready'), ackedPublisher.next('ready')]);
    const generator = new TradeGenerator(22);
    const bodies = Array.from({ length: 16 }, () => JSON.stringify(generator.trades(options.batchSize)));
    const lanes = options.batchConnections;

    const viaIngest = async (seconds: number): Promise<Run> => {
      const { usage, ...result } = await meteredHttpLoad(
        { url: `${ingest.url}/transactions/batch`, bodies, connections: lanes, durationSeconds: seconds },
        { server: ingest.pid, nats: nats.pid },
        admin,
      );
      return {
        tradesPerSecond: result.okPerSecond * options.batchSize,
        failed: result.failed * options.batchSize,
        p50Ms: result.p50Ms,
        p99Ms: result.p99Ms,
        usage,
      };
    };
    const raw = async (role: typeof publisher, seconds: number): Promise<Run> => {
      const [outcome, usage] = await metered({ server: role.pid, nats: nats.pid, bench: process.pid }, () => {
        role.send({ type: 'publish', durationMs: seconds * 1000, window: options.batchSize, lanes });
        return role.next('published', seconds * 1000 + 30_000);
      });
      await admin.purgeTransactions();
      return {
        tradesPerSecond: (Number(outcome['published']) * 1000) / Number(outcome['elapsedMs']),
        failed: Number(outcome['failed']),
        usage,
      };
    };
    const baseline = async (seconds: number): Promise<Run> => ({
      ...(await raw(publisher, seconds)),
      acked: await raw(ackedPublisher, seconds),
    });
    progress('2: warming up');
    await baseline(options.warmupSeconds);
    await viaIngest(options.warmupSeconds);
    const runs = await alternate('2 batch', options.rounds, {
      system: () => viaIngest(options.roundSeconds),
      baseline: () => baseline(options.roundSeconds),
    });
    await Promise.all([publisher.stop(), ackedPublisher.stop(), ingest.stop()]);

    const tps = median(runs.system.map((r) => r.tradesPerSecond));
    const rawTps = median(runs.baseline.map((r) => r.tradesPerSecond));
    const ackedTps = median(runs.baseline.map((r) => r.acked?.tradesPerSecond ?? NaN));
    return {
      id: 2,
      title: `batch ingest POST /transactions/batch, ${options.batchSize} trades/request, ${lanes} connections`,
      baseline: `one nats.js process, ${lanes} × windows of ${options.batchSize} awaited js.publish`,
      rows: [
        {
          figure: 'trades/s',
          system: fmt(tps),
          baseline: fmt(rawTps),
          ratio: tps / rawTps,
          target: 'ratio ≥ 0.8',
          ok: tps / rawTps >= 0.8,
        },
        {
          figure: 'batch latency p50 / p99 ms',
          system: `${fmt(median(runs.system.map((r) => r.p50Ms ?? NaN)))} / ${fmt(median(runs.system.map((r) => r.p99Ms ?? NaN)))}`,
        },
        {
          figure: 'failed trades (all rounds; baseline: both publishers)',
          system: String(runs.system.reduce((sum, r) => sum + r.failed, 0)),
          baseline: String(runs.baseline.reduce((sum, r) => sum + r.failed + (r.acked?.failed ?? 0), 0)),
        },
        {
          figure: 'cpu % server / nats / bench',
          system: cpuColumns(runs.system, CPU_ROLES),
          baseline: cpuColumns(runs.baseline, CPU_ROLES),
        },
        {
          figure: "raw publish with ingest's publisher (acks on one subscription): trades/s",
          system: fmt(tps),
          baseline: fmt(ackedTps),
          ratio: tps / ackedTps,
        },
      ],
      details: { runs },
    };
  } finally {
    await admin.close();
    await stopAll();
  }
}
