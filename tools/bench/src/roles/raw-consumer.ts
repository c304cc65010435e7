// The ceiling of scenario 3: read TRANSACTIONS from the start with an ordered consumer, decode
// each trade's JSON, count; report once `COUNT` trades are read (or the time limit passes).
import { STREAMS } from '@tradeflow/topology';
import { connectBaseline } from './baseline-connection';
import { send, serveRole } from './ipc';

export function rawConsumer(): void {
  serveRole(async () => {
    const expected = Number(process.env['COUNT']);
    const limitMs = Number(process.env['LIMIT_MS'] ?? 120_000);
    const nc = await connectBaseline('bench-raw-consumer');
    const consumer = await nc.jetstream().consumers.get(STREAMS.transactions);
    const messages = await consumer.consume({ max_messages: 1000 });
    const timer = setTimeout(() => void messages.close(), limitMs);
    let count = 0;
    let amount = 0;
    for await (const message of messages) {
      amount += message.json<{ amountSell: number }>().amountSell;
      if (++count >= expected) break;
    }
    clearTimeout(timer);
    send({ type: 'consumed', count, checksum: amount });
    await messages.close();
    return () => nc.drain();
  });
}
