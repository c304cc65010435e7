// The reference of scenario 1: the least an HTTP front of TRANSACTIONS can do. node:http,
// JSON.parse, one awaited JetStream publish (same subjects, msgID and stream expectation as
// ingest; js.publish, or ingest's own publisher with PUBLISHER=acked), 202 with the id. No
// validation, no framework, no logging.
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { acceptedSubject, partitionOf } from '@tradeflow/topology';
import { rolePublisher } from '../load/js-publisher';
import { connectBaseline } from './baseline-connection';
import { send, serveRole } from './ipc';

const encoder = new TextEncoder();

export function referenceServer(): void {
  serveRole(async () => {
    const nc = await connectBaseline('bench-reference');
    const publish = rolePublisher(nc);
    const partitions = Number(process.env['TX_PARTITIONS'] ?? 4);
    const server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', async () => {
        try {
          const trade = JSON.parse(Buffer.concat(chunks).toString()) as { userId: string };
          const id = randomUUID();
          const stored = { id, ...trade, receivedAt: new Date().toISOString() };
          await publish(
            acceptedSubject(partitionOf(trade.userId, partitions)),
            encoder.encode(JSON.stringify(stored)),
            id,
          );
          response.writeHead(202, { 'content-type': 'application/json' }).end(JSON.stringify({ id }));
        } catch {
          response.writeHead(503).end();
        }
      });
    });
    server.keepAliveTimeout = 60_000;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    send({ type: 'ready', url: `http://127.0.0.1:${port}` });
    return async () => {
      server.closeAllConnections();
      server.close();
      await nc.drain();
    };
  });
}
