// 3. The fold: process started on a pre-filled TRANSACTIONS, timed from its spawn until KV
// `total` equals the count (polled every 100 ms), beside the raw consume-and-ack of the issue (a
// pull consumer that decodes each trade's JSON, acknowledges it and counts) and, for reference, a
// read alone (an ordered consumer, no acks), each timed from its spawn. KV is deleted before each
// process round.
import { connect } from 'nats';
import { stopAll } from '../cleanup';
import { launchApp, launchRole, startNats } from '../launcher';
import { prefill } from '../load/prefill';
import { NatsAdmin } from '../nats-admin';
import type { BenchOptions } from '../options';
import { metered } from '../proc-usage';
import { progress } from '../progress';
import { fmt, fmtCpu, type ScenarioResult } from '../report';
import { median } from '../stats';
import { TradeGenerator } from '../trades';
import { alternate } from './rounds';
import { medianCpu, type UsageByProcess } from './usage';

interface Run {
  seconds: number;
  /** The baseline's round also ran the read alone. */
  readOnly?: Run;
  tradesPerSecond: number;
  /** From spawn to the first progress (KV total > 0, or the consumer's result). */
  firstProgressSeconds?: number;
  usage: UsageByProcess;
}

const POLL_MS = 100;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function foldScenario(options: BenchOptions): Promise<ScenarioResult> {
  const nats = await startNats();
  const admin = await NatsAdmin.connect(nats.url);
  const count = options.foldTrades;
  const limitMs = Math.max(60_000, count / 2); // bounded: at least 2,000 trades/s or give up
  try {
    progress('3: provisioning TRANSACTIONS with ingest');
    const ingest = await (await launchApp('ingest', nats.url)).healthy();
    await ingest.stop();
    progress(`3: pre-filling TRANSACTIONS with ${count.toLocaleString('en-US')} trades`);
    const filler = await connect({ servers: nats.url, name: 'bench-prefill' });
    const filled = await prefill(filler, new TradeGenerator(33), count, 4).finally(() => filler.drain());
    const stored = await admin.transactionsCount();
    if (stored !== count) throw new Error(`pre-fill stored ${stored} trades, not ${count}`);
    progress(`3: pre-filled at ${fmt((count * 1000) / filled.elapsedMs)} trades/s`);

    const fold = async (): Promise<Run> => {
      await admin.deleteProcessBuckets();
      const started = performance.now();
      const app = await launchApp('process', nats.url);
      let firstProgressSeconds: number | undefined;
      const [seconds, usage] = await metered({ process: app.pid, nats: nats.pid, bench: process.pid }, async () => {
        for (;;) {
          const total = await admin.foldedTotal();
          const elapsed = (performance.now() - started) / 1000;
          if (total > 0 && firstProgressSeconds === undefined) firstProgressSeconds = elapsed;
          if (total >= count) return elapsed;
          if (!app.running) throw new Error(`process exited while folding:\n${app.output().slice(-2000)}`);
          if (elapsed * 1000 > limitMs) throw new Error(`process folded only ${total} of ${count} trades in ${limitMs} ms`);
          await sleep(POLL_MS);
        }
      });
      await app.stop();
      return { seconds, tradesPerSecond: count / seconds, firstProgressSeconds, usage };
    };
    const raw = async (mode: 'ack' | 'read'): Promise<Run> => {
      const started = performance.now();
      const env = { NATS_URL: nats.url, COUNT: String(count), LIMIT_MS: String(limitMs), MODE: mode };
      const consumer = launchRole('raw-consumer', env);
      const [result, usage] = await metered({ consumer: consumer.pid, nats: nats.pid, bench: process.pid }, () =>
        consumer.next('consumed', limitMs + 10_000),
      );
      const seconds = (performance.now() - started) / 1000;
      await consumer.stop();
      if (Number(result['count']) !== count) throw new Error(`the raw consumer read ${String(result['count'])} of ${count} trades`);
      return { seconds, tradesPerSecond: count / seconds, usage };
    };
    const baseline = async (): Promise<Run> => ({ ...(await raw('ack')), readOnly: await raw('read') });
    const runs = await alternate('3 fold', options.rounds, { system: fold, baseline });

    const tps = median(runs.system.map((r) => r.tradesPerSecond));
    const rawTps = median(runs.baseline.map((r) => r.tradesPerSecond));
    const readOnly = runs.baseline.flatMap((r) => (r.readOnly ? [r.readOnly] : []));
    const readTps = median(readOnly.map((r) => r.tradesPerSecond));
    const cpu = (list: Run[], app: string) => fmtCpu([app, 'nats', 'bench'].map((name) => medianCpu(list.map((r) => r.usage), name)));
    return {
      id: 3,
      title: `the fold: process on a pre-filled TRANSACTIONS of ${count.toLocaleString('en-US')} trades, 4 partitions`,
      baseline: 'a pull consumer that decodes JSON, acks each trade and counts',
      rows: [
        { figure: 'trades/s (spawn to KV total = count)', system: fmt(tps), baseline: fmt(rawTps), ratio: tps / rawTps, target: 'ratio ≥ 0.7', ok: tps / rawTps >= 0.7 },
        {
          figure: 'seconds: whole / to first KV total',
          system: `${fmt(median(runs.system.map((r) => r.seconds)))} / ${fmt(median(runs.system.map((r) => r.firstProgressSeconds ?? NaN)))}`,
          baseline: fmt(median(runs.baseline.map((r) => r.seconds))),
        },
        { figure: 'cpu % app / nats / bench', system: cpu(runs.system, 'process'), baseline: cpu(runs.baseline, 'consumer') },
        { figure: 'read alone (ordered consumer, no acks): trades/s', system: fmt(tps), baseline: fmt(readTps), ratio: tps / readTps },
      ],
      details: { prefill: filled, runs },
    };
  } finally {
    await admin.close();
    await stopAll();
  }
}
