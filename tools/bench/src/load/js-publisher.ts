// Publishes canonical trades to TRANSACTIONS as ingest does (tx.accepted.<n>, msgID = id,
// expecting the stream), pipelined: windows of `window` publishes awaited together, `lanes`
// windows in flight at once. Used by the raw-publish ceiling and to pre-fill the fold scenario.
import { AckedPublisher } from '@tradeflow/nats';
import { acceptedSubject, partitionOf, STREAMS } from '@tradeflow/topology';
import type { JetStreamClient, NatsConnection } from 'nats';
import { canonical, type TradeGenerator } from '../trades';

const encoder = new TextEncoder();
const ACK_TIMEOUT_MS = 5_000;

/** Publishes one trade; resolves once JetStream has acknowledged it. */
export type PublishTrade = (subject: string, data: Uint8Array, msgID: string) => Promise<unknown>;

/** nats.js's own js.publish, as any client would. */
export const jsPublish =
  (js: JetStreamClient): PublishTrade =>
  (subject, data, msgID) =>
    js.publish(subject, data, { msgID, timeout: ACK_TIMEOUT_MS, expect: { streamName: STREAMS.transactions } });

/** ingest's publisher: the same headers, every acknowledgement on one subscription. */
export function ackedPublish(nc: NatsConnection): PublishTrade {
  const publisher = new AckedPublisher(nc);
  return (subject, data, msgID) =>
    publisher.publish(subject, data, { msgID, expectStream: STREAMS.transactions, timeoutMs: ACK_TIMEOUT_MS });
}

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

/** A baseline role's publisher: ingest's own with PUBLISHER=acked, else nats.js's js.publish. */
export const rolePublisher = (nc: NatsConnection): PublishTrade =>
  process.env['PUBLISHER'] === 'acked' ? ackedPublish(nc) : jsPublish(nc.jetstream());

export async function publishPipelined(
  publish: PublishTrade,
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
          publish(
            acceptedSubject(partitionOf(trade.userId, plan.partitions)),
            encoder.encode(JSON.stringify(trade)),
            trade.id,
          ),
        );
      }
      const outcomes = await Promise.allSettled(acks);
      for (const outcome of outcomes) {
        if (outcome.status === 'fulfilled') published++;
        else failed++;
      }
    }
  };
  await Promise.all(Array.from({ length: plan.lanes }, lane));
  return { published, failed, elapsedMs: performance.now() - started };
}
