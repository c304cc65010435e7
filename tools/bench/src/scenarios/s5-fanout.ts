// 5. Fan-out: many WebSocket clients on the full feed, then many on the summary feed, under an
// open-loop load after a warm-up: delivery delay, resyncs and closes, the gateway's memory and CPU.
import { sendBatches } from '../load/batch-sender';
import { type Feed, FeedClients } from '../load/feed-clients';
import type { BenchOptions } from '../options';
import { metered } from '../proc-usage';
import { progress } from '../progress';
import { fmt, fmtCpu, type Row, type ScenarioResult } from '../report';
import { TradeGenerator } from '../trades';
import { SYSTEM_CPU_NAMES, type System } from './system';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function fanOut(options: BenchOptions, system: System, feed: Feed, clients: number, rate: number) {
  progress(`5: opening ${clients} ${feed}-feed clients`);
  const feedClients = await FeedClients.open(system.wsUrl, feed, clients);
  try {
    await system.warmUp(rate, options.warmupSeconds);
    const backlogAtStart = await system.settle();
    await sleep(300);
    progress(`5: ${rate} trades/s for ${options.fanoutSeconds} s to ${clients} ${feed}-feed clients`);
    feedClients.startMeasuring();
    const benchCpu = process.cpuUsage();
    const [sent, usage] = await metered(system.pids(), async () => {
      const outcome = await sendBatches(new TradeGenerator(55), {
        url: system.ingest.url,
        tradesPerSecond: rate,
        batchSize: rate / 100,
        durationMs: options.fanoutSeconds * 1000,
        maxInFlight: 64,
      });
      await sleep(500); // the last ticks' messages
      return outcome;
    });
    const cpu = process.cpuUsage(benchCpu);
    const figures = feedClients.stopMeasuring();
    return {
      feed,
      clients,
      rate,
      sent,
      figures,
      usage,
      backlogAtStart,
      benchEventLoopCpuMs: (cpu.user + cpu.system) / 1000,
    };
  } finally {
    feedClients.close();
    await sleep(200);
  }
}

function rows(run: Awaited<ReturnType<typeof fanOut>>): Row[] {
  const { figures, usage, sent } = run;
  const stats = usage['stats'];
  const seconds = sent.elapsedMs / 1000;
  return [
    {
      figure: `${run.clients} ${run.feed} @ ${run.rate}/s: delay p50 / p99 / max ms`,
      system: `${fmt(figures.p50Ms)} / ${fmt(figures.p99Ms)} / ${fmt(figures.maxMs)}`,
      target: 'p99 ≤ 250',
      ok: figures.p99Ms <= 250,
    },
    {
      figure: '  resyncs (clients) / closed',
      system: `${figures.resyncs} (${figures.clientsResynced}) / ${figures.closed}`,
      target: '0 / 0',
      ok: figures.resyncs === 0 && figures.closed === 0,
    },
    {
      figure: '  stats RSS max MB, cpu %',
      system: `${fmt(stats?.rssMaxMb)}, ${fmt(stats?.cpuPercent)}`,
      target: 'RSS ≤ 300',
      ok: (stats?.rssMaxMb ?? Infinity) <= 300,
    },
    {
      figure: '  msgs/client (min), MB received, trades/s accepted, fold backlog at start',
      system: `${fmt(figures.messages / figures.clients)} (${figures.minMessagesPerClient}), ${fmt(figures.megabytes)}, ${fmt(sent.accepted / seconds)}, ${run.backlogAtStart}`,
    },
    {
      figure: '  cpu % ingest / process / stats / nats / bench',
      system: fmtCpu(SYSTEM_CPU_NAMES.map((name) => usage[name]?.cpuPercent)),
    },
  ];
}

export async function fanOutScenario(options: BenchOptions, system: System): Promise<ScenarioResult> {
  const full = await fanOut(options, system, 'full', options.fullClients, options.fullRate);
  const summary = await fanOut(options, system, 'summary', options.summaryClients, options.summaryRate);
  return {
    id: 5,
    title: `fan-out: WebSocket clients in the bench process, ${options.fanoutSeconds} s each`,
    rows: [...rows(full), ...rows(summary)],
    details: { full, summary },
  };
}
