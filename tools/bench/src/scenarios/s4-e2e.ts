// 4. End to end: open-loop batches at a fixed rate; for every accepted trade, the time from its
// 202 to its arrival in a `transactions` message of a full-feed WebSocket client. Also split: 202
// to the trade's stats.updates from process (the fold), and from there to the WebSocket. After a
// warm-up, as in scenarios 1 and 2.
import { WebSocket } from 'ws';
import { sendBatches } from '../load/batch-sender';
import type { BenchOptions } from '../options';
import { metered } from '../proc-usage';
import { progress } from '../progress';
import { fmt, fmtCpu, type ScenarioResult } from '../report';
import { quantiles } from '../stats';
import { TradeGenerator } from '../trades';
import { SYSTEM_CPU_NAMES, type System } from './system';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function openFullFeed(url: string, onItems: (ids: string[], at: number) => void): Promise<WebSocket> {
  const socket = new WebSocket(url, { perMessageDeflate: false });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no snapshot from /ws within 30 s')), 30_000);
    socket.on('error', reject);
    socket.on('message', (data: Buffer) => {
      const at = performance.now();
      const message = JSON.parse(data.toString()) as { event: string; data: { items?: { id: string }[] } };
      if (message.event === 'snapshot') {
        clearTimeout(timer);
        resolve(socket);
      } else if (message.event === 'transactions')
        onItems(
          (message.data.items ?? []).map((item) => item.id),
          at,
        );
    });
  });
}

const span = (from: Map<string, number>, to: Map<string, number>) => {
  const values: number[] = [];
  for (const [id, start] of from) {
    const end = to.get(id);
    if (end !== undefined) values.push(end - start);
  }
  return quantiles(values, [0.5, 0.99]);
};

export async function endToEndScenario(options: BenchOptions, system: System): Promise<ScenarioResult> {
  // Every 10 ms a batch: 50 trades at 5,000/s.
  const batch = options.e2eRate / 100;
  const ackAt = new Map<string, number>();
  const sentAt = new Map<string, number>();
  const foldAt = new Map<string, number>();
  const wsAt = new Map<string, number>();
  const folded = { batches: 0, trades: 0 };
  const updates = system.admin.nc.subscribe('stats.updates', {
    callback: (error, message) => {
      if (error) return;
      const at = performance.now();
      const { items } = message.json<{ items: { id: string }[] }>();
      folded.batches++;
      folded.trades += items.length;
      for (const item of items) foldAt.set(item.id, at);
    },
  });
  const socket = await openFullFeed(system.wsUrl, (ids, at) => ids.forEach((id) => wsAt.set(id, at)));
  try {
    await system.warmUp(options.e2eRate, options.warmupSeconds);
    const backlogAtStart = await system.settle();
    await sleep(300); // the warm-up's last ticks
    foldAt.clear();
    wsAt.clear();
    progress(`4: ${options.e2eRate} trades/s for ${options.e2eSeconds} s`);
    Object.assign(folded, { batches: 0, trades: 0 });
    const writesBefore = await system.admin.statsWrites();
    const started = performance.now();
    const [sent, usage] = await metered(system.pids(), () =>
      sendBatches(new TradeGenerator(44), {
        url: system.ingest.url,
        tradesPerSecond: options.e2eRate,
        batchSize: batch,
        durationMs: options.e2eSeconds * 1000,
        maxInFlight: 64,
        onAccepted: (ids, at, sent) =>
          ids.forEach((id) => {
            ackAt.set(id, at);
            sentAt.set(id, sent);
          }),
      }),
    );
    const waitMs = Math.max(10_000, options.e2eSeconds * 1000); // bounded wait for the backlog
    const deadline = Date.now() + waitMs;
    while (Date.now() < deadline && [...ackAt.keys()].some((id) => !wsAt.has(id))) await sleep(100);
    const foldSeconds = (performance.now() - started) / 1000;
    const kvWrites = (await system.admin.statsWrites()) - writesBefore;
    const [p50, p99] = span(ackAt, wsAt);
    const [sentP50, sentP99] = span(sentAt, wsAt);
    const beforeAck = [...ackAt].filter(([id, at]) => (wsAt.get(id) ?? Infinity) < at).length;
    const [foldP50, foldP99] = span(ackAt, foldAt);
    const [tickP50, tickP99] = span(foldAt, wsAt);
    const missing = [...ackAt.keys()].filter((id) => !wsAt.has(id)).length;
    const seconds = sent.elapsedMs / 1000;
    return {
      id: 4,
      title: `end to end: ${options.e2eRate.toLocaleString('en-US')} trades/s offered (batches of ${batch}) for ${options.e2eSeconds} s, 1 full-feed client`,
      rows: [
        {
          figure: '202 → WebSocket p50 / p99 ms',
          system: `${fmt(p50)} / ${fmt(p99)}`,
          target: 'p99 ≤ 100',
          ok: p99 <= 100,
        },
        { figure: '  of which 202 → stats.updates (fold) p50 / p99', system: `${fmt(foldP50)} / ${fmt(foldP99)}` },
        { figure: '  and stats.updates → WebSocket p50 / p99', system: `${fmt(tickP50)} / ${fmt(tickP99)}` },
        {
          figure: '  process: batches/s, trades and KV writes per batch',
          system: `${fmt(folded.batches / foldSeconds)}, ${fmt(folded.trades / folded.batches)}, ${fmt(kvWrites / folded.batches)}`,
        },
        { figure: 'batch request (sent → 202) p50 / p99 ms', system: `${fmt(sent.p50Ms)} / ${fmt(sent.p99Ms)}` },
        {
          figure: 'request sent → WebSocket p50 / p99 ms; on WS before its 202',
          system: `${fmt(sentP50)} / ${fmt(sentP99)}; ${fmt((100 * beforeAck) / Math.max(1, ackAt.size))} %`,
        },
        {
          figure: `trades/s offered / accepted; skipped, failed, not on WS ${waitMs / 1000} s after`,
          system: `${fmt(sent.offered / seconds)} / ${fmt(sent.accepted / seconds)}; ${sent.skipped}, ${sent.failed}, ${missing}`,
          target: 'none missing',
          ok: missing === 0 && sent.skipped === 0 && sent.failed === 0,
        },
        {
          figure: 'cpu % ingest / process / stats / nats / bench',
          system: fmtCpu(SYSTEM_CPU_NAMES.map((name) => usage[name]?.cpuPercent)),
        },
      ],
      details: {
        backlogAtStart,
        sent,
        missing,
        folded,
        foldSeconds,
        kvWrites,
        latencyMs: { p50, p99, sentP50, sentP99, beforeAck, foldP50, foldP99, tickP50, tickP99 },
        usage,
      },
    };
  } finally {
    updates.unsubscribe();
    socket.terminate();
  }
}
