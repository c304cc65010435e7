import { connect as tcpConnect } from 'node:net';

/**
 * Publishes as the `nats` CLI does, speaking the protocol over a raw socket: CONNECT, then PUB
 * (HPUB with headers), then PING, and resolves on the server's PONG, once the message is in.
 */
export function publishRaw(
  url: string,
  subject: string,
  payload: string,
  headers: Record<string, string> = {},
): Promise<void> {
  const { hostname, port } = new URL(url);
  const body = Buffer.from(payload);
  const headerLines = Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`);
  const headerBlock = headerLines.length ? Buffer.from(`NATS/1.0\r\n${headerLines.join('')}\r\n`) : null;
  const command = headerBlock
    ? `HPUB ${subject} ${headerBlock.length} ${headerBlock.length + body.length}\r\n`
    : `PUB ${subject} ${body.length}\r\n`;
  return new Promise((resolve, reject) => {
    const socket = tcpConnect(Number(port), hostname);
    let received = '';
    socket.on('error', reject);
    socket.on('data', (chunk) => {
      received += chunk.toString();
      if (received.includes('-ERR')) reject(new Error(`server refused: ${received.trim()}`));
      if (received.includes('PONG')) {
        socket.end();
        resolve();
      }
    });
    socket.write('CONNECT {"verbose":false,"pedantic":false,"headers":true,"no_responders":true}\r\n');
    socket.write(command);
    if (headerBlock) socket.write(headerBlock);
    socket.write(Buffer.concat([body, Buffer.from('\r\nPING\r\n')]));
  });
}
