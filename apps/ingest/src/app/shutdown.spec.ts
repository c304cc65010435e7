import { once } from 'node:events';
import { connect as connectTcp } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { EXAMPLE_TRADE as REFERENCE_TRADE } from '@tradeflow/contract';
import { eventually, type NatsServerHandle, spawnApp, startNatsServer } from '@tradeflow/testing';

// SIGTERM while a keep-alive client's request is in flight: ingest answers it, closes that
// connection, and exits. (Before, the idle keep-alive connection held the process for the
// keep-alive timeout, 72 s, beyond this test's time limit.)
let server: NatsServerHandle;

beforeAll(async () => {
  server = await startNatsServer();
});

afterAll(async () => {
  await server?.dispose();
});

test.each(['/transactions', '/transactions/batch'])(
  'a request to %s in flight at SIGTERM is answered, then its connection closed and ingest stopped',
  async (path) => {
    const ingest = await spawnApp('ingest', { NATS_URL: server.url });
    await eventually(async () => expect((await fetch(`${ingest.url}/health`)).status).toBe(200), 20_000);
    const body = JSON.stringify(path.endsWith('batch') ? [REFERENCE_TRADE] : REFERENCE_TRADE);
    const socket = connectTcp(Number(new URL(ingest.url).port), '127.0.0.1');
    await once(socket, 'connect');
    let answer = '';
    socket.on('data', (chunk) => (answer += chunk));
    const closed = once(socket, 'close');
    // Half of the body now, the rest once the server is shutting down.
    const head = `POST ${path} HTTP/1.1\r\nHost: ingest\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`;
    socket.write(head + body.slice(0, 10));
    await sleep(200);
    const stopped = ingest.stop();
    await sleep(200);
    socket.write(body.slice(10));
    await Promise.all([stopped, closed]);
    expect(answer).toMatch(/^HTTP\/1\.1 202 Accepted\r\n/);
    expect(answer).toContain('"id":"');
  },
  30_000,
);
