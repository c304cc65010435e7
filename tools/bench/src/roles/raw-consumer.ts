// The ceilings of scenario 3: read TRANSACTIONS from the start, decode each trade's JSON, count;
// report once `COUNT` trades are read (or the time limit passes). MODE=ack (the baseline)
// consumes with a pull consumer of its own and acknowledges each trade, as any consumer that must
// not lose one does; MODE=read only reads, with an ordered consumer, the floor of reading at all.
import { STREAMS } from '@tradeflow/topology';
import { AckPolicy, type ConsumerMessages, type NatsConnection } from 'nats';
import { connectBaseline } from './baseline-connection';
import { send, serveRole } from './ipc';

async function consumeWithAcks(nc: NatsConnection): Promise<[ConsumerMessages, () => Promise<unknown>]> {
  const jsm = await nc.jetstreamManager();
  const { name } = await jsm.consumers.add(STREAMS.transactions, {
    durable_name: `bench-raw-${process.pid}`,
    ack_policy: AckPolicy.Explicit,
  });
  const consumer = await nc.jetstream().consumers.get(STREAMS.transactions, name);
  return [await consumer.consume({ max_messages: 1000 }), () => jsm.consumers.delete(STREAMS.transactions, name)];
}

async function readOnly(nc: NatsConnection): Promise<[ConsumerMessages, () => Promise<unknown>]> {
  const consumer = await nc.jetstream().consumers.get(STREAMS.transactions);
  return [await consumer.consume({ max_messages: 1000 }), async () => undefined];
}

export function rawConsumer(): void {
  serveRole(async () => {
    const expected = Number(process.env['COUNT']);
    const limitMs = Number(process.env['LIMIT_MS'] ?? 120_000);
    const acks = process.env['MODE'] === 'ack';
    const nc = await connectBaseline('bench-raw-consumer');
    const [messages, cleanUp] = await (acks ? consumeWithAcks(nc) : readOnly(nc));
    const timer = setTimeout(() => void messages.close(), limitMs);
    let count = 0;
    let amount = 0;
    for await (const message of messages) {
      amount += message.json<{ amountSell: number }>().amountSell;
      if (acks) message.ack();
      if (++count >= expected) break;
    }
    clearTimeout(timer);
    send({ type: 'consumed', count, checksum: amount });
    await cleanUp();
    return () => nc.drain();
  });
}
