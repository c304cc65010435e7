// 3. The fold: process started on a pre-filled TRANSACTIONS, timed from its spawn until KV
// `total` equals the count (polled every 100 ms), beside the raw consume-and-ack of the issue (a
// pull consumer that decodes each trade's JSON, acknowledges it and counts) and, for reference, a
// read alone (an ordered consumer, no acks), each timed from its spawn. KV is deleted before each
// process round.
import { stopAll } from '../cleanup';
import { launchApp, launchRole, startNats } from '../launcher';
import { NatsAdmin } from '../nats-admin';
import type { BenchOptions } from '../options';
import { metered } from '../proc-usage';
import { progress } from '../progress';
import { fmt, type ScenarioResult } from '../report';
import { median } from '../stats';
import { foldLimitMs, type FoldRun, prefillTransactions, timeFold } from './fold';
import { alternate } from './rounds';
import { cpuColumns } from './usage';

interface Run extends FoldRun {
  /** The baseline's round also ran the read alone. */
  readOnly?: Run;
}

export async function foldScenario(options: BenchOptions): Promise<ScenarioResult> {
  const nats = await startNats();
  const admin = await NatsAdmin.connect(nats.url);
  const count = options.foldTrades;
  const limitMs = foldLimitMs(count);
  try {
    progress('3: provisioning TRANSACTIONS with ingest');
    const ingest = await (await launchApp('ingest', nats.url)).healthy();
    await ingest.stop();
    const filled = await prefillTransactions('3', nats, admin, count);

    const fold = (): Promise<Run> => timeFold(nats, admin, count);
    const raw = async (mode: 'ack' | 'read'): Promise<Run> => {
      const started = performance.now();
      const env = { NATS_URL: nats.url, COUNT: String(count), LIMIT_MS: String(limitMs), MODE: mode };
      const consumer = launchRole('raw-consumer', env);
      const [result, usage] = await metered({ consumer: consumer.pid, nats: nats.pid, bench: process.pid }, () =>
        consumer.next('consumed', limitMs + 10_000),
      );
      const seconds = (performance.now() - started) / 1000;
      await consumer.stop();
      if (Number(result['count']) !== count)
        throw new Error(`the raw consumer read ${String(result['count'])} of ${count} trades`);
      return { seconds, tradesPerSecond: count / seconds, usage };
    };
    const baseline = async (): Promise<Run> => ({ ...(await raw('ack')), readOnly: await raw('read') });
    const runs = await alternate('3 fold', options.rounds, { system: fold, baseline });

    const tps = median(runs.system.map((r) => r.tradesPerSecond));
    const rawTps = median(runs.baseline.map((r) => r.tradesPerSecond));
    const readOnly = runs.baseline.flatMap((r) => (r.readOnly ? [r.readOnly] : []));
    const readTps = median(readOnly.map((r) => r.tradesPerSecond));
    return {
      id: 3,
      title: `the fold: process on a pre-filled TRANSACTIONS of ${count.toLocaleString('en-US')} trades, 4 partitions`,
      baseline: 'a pull consumer that decodes JSON, acks each trade and counts',
      rows: [
        {
          figure: 'trades/s (spawn to KV total = count)',
          system: fmt(tps),
          baseline: fmt(rawTps),
          ratio: tps / rawTps,
          target: 'ratio ≥ 0.7',
          ok: tps / rawTps >= 0.7,
        },
        {
          figure: 'seconds: whole / to first KV total',
          system: `${fmt(median(runs.system.map((r) => r.seconds)))} / ${fmt(median(runs.system.map((r) => r.firstProgressSeconds ?? NaN)))}`,
          baseline: fmt(median(runs.baseline.map((r) => r.seconds))),
        },
        {
          figure: 'cpu % app / nats / bench',
          system: cpuColumns(runs.system, ['process', 'nats', 'bench']),
          baseline: cpuColumns(runs.baseline, ['consumer', 'nats', 'bench']),
        },
        {
          figure: 'read alone (ordered consumer, no acks): trades/s',
          system: fmt(tps),
          baseline: fmt(readTps),
          ratio: tps / readTps,
        },
      ],
      details: { prefill: filled, runs },
    };
  } finally {
    await admin.close();
    await stopAll();
  }
}
