// Open-loop load: a timer sends POST /transactions/batch at a fixed rate of trades, whatever the
// answers do (bounded in flight: a batch due while too many are pending is counted as skipped).
import { Agent, request } from 'node:http';
import { Samples } from '../stats';
import { type TradeGenerator } from '../trades';

export interface SenderPlan {
  /** ingest's base URL. */
  url: string;
  tradesPerSecond: number;
  batchSize: number;
  durationMs: number;
  maxInFlight: number;
  /** Called with the accepted ids of each 202, the instant (performance.now()) it arrived and when its request was sent. */
  onAccepted?: (ids: string[], at: number, sentAt: number) => void;
}

export interface SenderOutcome {
  offered: number;
  accepted: number;
  failed: number;
  skipped: number;
  elapsedMs: number;
  /** Batch request latency, ms. */
  p50Ms: number;
  p99Ms: number;
}

const TICK_MS = 5;
const DRAIN_LIMIT_MS = 15_000;

export async function sendBatches(trades: TradeGenerator, plan: SenderPlan): Promise<SenderOutcome> {
  const agent = new Agent({ keepAlive: true, maxSockets: plan.maxInFlight });
  const target = new URL('/transactions/batch', plan.url);
  const latencies = new Samples();
  const outcome = { offered: 0, accepted: 0, failed: 0, skipped: 0 };
  let inFlight = 0;
  let batchesDue = 0;
  let settle: () => void = () => undefined;

  const post = (body: string, size: number) => {
    inFlight++;
    const sentAt = performance.now();
    const done = (ok: boolean, text?: string) => {
      const at = performance.now();
      latencies.add(at - sentAt);
      if (ok && text !== undefined) {
        const { accepted } = JSON.parse(text) as { accepted: { id: string }[] };
        outcome.accepted += accepted.length;
        outcome.failed += size - accepted.length;
        plan.onAccepted?.(
          accepted.map((entry) => entry.id),
          at,
          sentAt,
        );
      } else outcome.failed += size;
      if (--inFlight === 0) settle();
    };
    const req = request(
      target,
      { method: 'POST', agent, headers: { 'content-type': 'application/json' } },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => done(response.statusCode === 202, Buffer.concat(chunks).toString()));
        response.on('error', () => done(false));
      },
    );
    req.on('error', () => done(false));
    req.setTimeout(10_000, () => req.destroy(new Error('timeout')));
    req.end(body);
  };

  const started = performance.now();
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      const elapsed = performance.now() - started;
      if (elapsed >= plan.durationMs) {
        clearInterval(timer);
        resolve();
        return;
      }
      const due = Math.floor((elapsed * plan.tradesPerSecond) / 1000 / plan.batchSize) + 1;
      for (; batchesDue < due; batchesDue++) {
        outcome.offered += plan.batchSize;
        if (inFlight >= plan.maxInFlight) {
          outcome.skipped += plan.batchSize;
          continue;
        }
        post(JSON.stringify(trades.trades(plan.batchSize)), plan.batchSize);
      }
    }, TICK_MS);
  });
  const elapsedMs = performance.now() - started;
  if (inFlight > 0) {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, DRAIN_LIMIT_MS);
      settle = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
  agent.destroy();
  const [p50Ms, p99Ms] = latencies.quantiles([0.5, 0.99]);
  return { ...outcome, elapsedMs, p50Ms, p99Ms };
}
