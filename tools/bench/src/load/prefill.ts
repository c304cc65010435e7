// Fills TRANSACTIONS quickly with canonical trades: plain NATS publishes (the stream captures
// them; no ack round trip each, a flush every chunk so the server keeps pace), each with its
// Nats-Msg-Id as ingest's; then the stream's count is checked and any shortfall published with
// awaited acks.
import { acceptedSubject, partitionOf, STREAMS } from '@tradeflow/topology';
import { headers, type NatsConnection } from 'nats';
import { canonical, type TradeGenerator } from '../trades';
import { jsPublish, publishPipelined } from './js-publisher';

const CHUNK = 5_000;
const encoder = new TextEncoder();

export async function prefill(
  nc: NatsConnection,
  trades: TradeGenerator,
  count: number,
  partitions: number,
): Promise<{ elapsedMs: number }> {
  const started = performance.now();
  const jsm = await nc.jetstreamManager();
  const stored = async () => (await jsm.streams.info(STREAMS.transactions)).state.messages;
  const before = await stored();
  for (let sent = 0; sent < count;) {
    const size = Math.min(CHUNK, count - sent);
    for (let i = 0; i < size; i++) {
      const trade = canonical(trades.trade());
      const h = headers();
      h.set('Nats-Msg-Id', trade.id);
      nc.publish(acceptedSubject(partitionOf(trade.userId, partitions)), encoder.encode(JSON.stringify(trade)), {
        headers: h,
      });
    }
    sent += size;
    await nc.flush();
  }
  // The stream may still be writing the last ones: wait until the count settles.
  let last = -1;
  for (let polls = 0; polls < 100; polls++) {
    const now = await stored();
    if (now - before >= count || now === last) break;
    last = now;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const missing = count - ((await stored()) - before);
  if (missing > 0) {
    await publishPipelined(jsPublish(nc.jetstream()), trades, {
      count: missing,
      durationMs: 5 * 60_000,
      window: 500,
      lanes: 1,
      partitions,
    });
  }
  return { elapsedMs: performance.now() - started };
}
