// The ceiling of scenario 2: one nats.js process publishing canonical trades with awaited acks,
// pipelined, with nats.js's js.publish or (PUBLISHER=acked) ingest's own publisher. Waits for
// `publish` commands; answers each with a `published` outcome.
import { publishPipelined, rolePublisher } from '../load/js-publisher';
import { TradeGenerator } from '../trades';
import { connectBaseline } from './baseline-connection';
import { onCommand, send, serveRole } from './ipc';

export function rawPublisher(): void {
  serveRole(async () => {
    const nc = await connectBaseline('bench-raw-publisher');
    const publish = rolePublisher(nc);
    const trades = new TradeGenerator(7);
    onCommand(async (command) => {
      if (command.type !== 'publish') return;
      const outcome = await publishPipelined(publish, trades, {
        durationMs: Number(command['durationMs']),
        window: Number(command['window']),
        lanes: Number(command['lanes']),
        partitions: Number(process.env['TX_PARTITIONS'] ?? 4),
      });
      send({ type: 'published', ...outcome });
    });
    send({ type: 'ready' });
    return () => nc.drain();
  });
}
