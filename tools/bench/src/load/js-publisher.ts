// Publishes canonical trades to TRANSACTIONS as ingest does (tx.accepted.<n>, msgID = id,
// expecting the stream), pipelined: windows of `window` publishes awaited together, `lanes`
// windows in flight at once. Used by the raw-publish ceiling and to pre-fill the fold scenario.
import { acceptedSubject, partitionOf, STREAMS } from '@tradeflow/topology';
import type { JetStreamClient } from 'nats';
import { canonical, type TradeGenerator } from '../trades';

const encoder = new TextEncoder();

export interface PublishPlan {
  /** Stop after this many trades… */
  count?: number;
  /** …or after this long, whichever comes first; bounded either way. */
  durationMs: number;
  window: number;
  lanes: number;
  partitions: number;
}

export interface PublishOutcome {
  published: number;
  failed: number;
  elapsedMs: number;
}

export async function publishPipelined(
  js: JetStreamClient,
  trades: TradeGenerator,
  plan: PublishPlan,
): Promise<PublishOutcome> {
  const started = performance.now();
  const deadline = started + plan.durationMs;
  const limit = plan.count ?? Number.MAX_SAFE_INTEGER;
  let claimed = 0;
  let published = 0;
  let failed = 0;
  const lane = async () => {
    while (performance.now() < deadline && claimed < limit) {
      const size = Math.min(plan.window, limit - claimed);
      claimed += size;
      const acks: Promise<unknown>[] = [];
      for (let i = 0; i < size; i++) {
        const trade = canonical(trades.trade());
        acks.push(
          js.publish(acceptedSubject(partitionOf(trade.userId, plan.partitions)), encoder.encode(JSON.stringify(trade)), {
            msgID: trade.id,
            expect: { streamName: STREAMS.transactions },
          }),
        );
      }
      const outcomes = await Promise.allSettled(acks);
      for (const outcome of outcomes) outcome.status === 'fulfilled' ? published++ : failed++;
    }
  };
  await Promise.all(Array.from({ length: plan.lanes }, lane));
  return { published, failed, elapsedMs: performance.now() - started };
}
