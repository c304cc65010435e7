// The fold as scenarios 3 and 6 time it: TRANSACTIONS pre-filled, then process spawned on it
// (KV deleted first, so that it folds everything from the start) and timed until the KV bucket
// `stats` has counted every trade (its partitions' `total`s, polled every 100 ms).
import { natsServers } from '@tradeflow/nats';
import { connect } from 'nats';
import { launchApp, type NatsTarget } from '../launcher';
import { prefill } from '../load/prefill';
import type { NatsAdmin } from '../nats-admin';
import { metered } from '../proc-usage';
import { progress } from '../progress';
import { fmt } from '../report';
import { TradeGenerator } from '../trades';
import type { UsageByProcess } from './usage';

export interface FoldRun {
  seconds: number;
  tradesPerSecond: number;
  /** From spawn to the first progress (KV total > 0, or a consumer's result). */
  firstProgressSeconds?: number;
  usage: UsageByProcess;
}

const POLL_MS = 100;
const PARTITIONS = 4;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** How long a fold of `count` trades may take: at least 2,000 trades/s, or it is given up. */
export const foldLimitMs = (count: number): number => Math.max(60_000, count / 2);

/**
 * Empties the (existing) TRANSACTIONS of `target`, publishes `count` trades into it and checks the
 * stream holds exactly that many. Whatever publishes into it (ingest) must have stopped: a
 * publish still in flight when an earlier round purged the stream lands after the purge. `label`
 * prefixes the progress lines.
 */
export async function prefillTransactions(
  label: string,
  target: NatsTarget,
  admin: NatsAdmin,
  count: number,
): Promise<{ elapsedMs: number }> {
  progress(`${label}: pre-filling TRANSACTIONS with ${count.toLocaleString('en-US')} trades`);
  await admin.purgeTransactions();
  const filler = await connect({ servers: natsServers(target.url), name: 'bench-prefill' });
  const filled = await prefill(filler, new TradeGenerator(33), count, PARTITIONS).finally(() => filler.drain());
  const stored = await admin.transactionsCount();
  if (stored !== count) throw new Error(`pre-fill stored ${stored} trades, not ${count}`);
  progress(`${label}: pre-filled at ${fmt((count * 1000) / filled.elapsedMs)} trades/s`);
  return filled;
}

/** process on `target` (with its env: JS_REPLICAS), from spawn until KV has counted `count` trades. */
export async function timeFold(target: NatsTarget, admin: NatsAdmin, count: number): Promise<FoldRun> {
  const limitMs = foldLimitMs(count);
  await admin.deleteProcessBuckets();
  const started = performance.now();
  const app = await launchApp('process', target.url, { env: target.env });
  let firstProgressSeconds: number | undefined;
  const [seconds, usage] = await metered({ process: app.pid, ...target.pids, bench: process.pid }, async () => {
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
}
