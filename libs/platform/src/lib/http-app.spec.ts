import type { IncomingMessage, RequestListener, Server, ServerResponse } from 'node:http';
import { connect, type Socket } from 'node:net';
import { Controller, Get, Module } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createHttpApp, PlatformModule, ResponseHeaders, RuntimeEnvironment } from '../index';

// createHttpApp on a loopback port, with a Nest route, Fastify's 404, and a route written on the
// Node server ahead of Fastify as ingest's POST /transactions is.

@Controller()
class PingController {
  @Get('ping')
  ping(): { pong: true } {
    return { pong: true };
  }
}

/** GET /raw and POST /raw (its body read to the end), answered without Fastify. */
function serveRawRoute(app: NestFastifyApplication): void {
  const server = app.getHttpServer() as Server;
  const [fastify] = server.listeners('request') as RequestListener[];
  server.removeListener('request', fastify);
  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    if (request.url !== '/raw') return fastify(request, response);
    request.resume();
    request.on('end', () => {
      response.writeHead(200, { ...app.get(ResponseHeaders).forRawResponse(request), 'content-type': 'text/plain' });
      response.end('raw');
    });
  });
}

let app: NestFastifyApplication | undefined;
let url: string;
let port: number;
const setVariables: string[] = [];

/** The app with these variables; its ConfigModule reads them as the module is made. */
async function start(environment: Record<string, string> = {}): Promise<void> {
  Object.assign(process.env, { LOG_LEVEL: 'silent', ...environment });
  setVariables.push('LOG_LEVEL', ...Object.keys(environment));
  @Module({ imports: [PlatformModule.forApp('test', RuntimeEnvironment)], controllers: [PingController] })
  class TestModule {}
  app = await createHttpApp(TestModule, serveRawRoute);
  await app.listen(0, '127.0.0.1');
  port = (app.getHttpServer().address() as { port: number }).port;
  url = `http://127.0.0.1:${port}`;
}

afterEach(async () => {
  await app?.close();
  app = undefined;
  for (const name of setVariables.splice(0)) delete process.env[name];
});

const accessControlHeaders = (response: Response) =>
  [...response.headers.keys()].filter((name) => name.startsWith('access-control-'));

/** A raw connection that records what it receives and when it closed. */
function rawConnection(): { socket: Socket; received: () => string; closedAfter: Promise<number> } {
  const opened = Date.now();
  const socket = connect(port, '127.0.0.1');
  let received = '';
  socket.on('data', (data) => (received += data.toString()));
  socket.on('error', () => undefined);
  const closedAfter = new Promise<number>((resolve) => socket.on('close', () => resolve(Date.now() - opened)));
  return { socket, received: () => received, closedAfter };
}

/** Writes `text` a byte at a time, the first now, then one every `everyMs`, while the socket is open. */
function trickle(socket: Socket, text: string, everyMs: number): void {
  let sent = 0;
  const next = () => {
    if (socket.destroyed || sent === text.length) return clearInterval(timer);
    socket.write(text[sent++]);
  };
  const timer = setInterval(next, everyMs);
  next();
  socket.on('close', () => clearInterval(timer));
}

describe('security headers', () => {
  test("every response has them: a route's, a 404, one written without Fastify; no CORS header unless configured", async () => {
    await start();
    const origin = { origin: 'https://elsewhere.example' };
    for (const [path, status] of [
      ['/ping', 200],
      ['/missing', 404],
      ['/raw', 200],
    ] as const) {
      const response = await fetch(`${url}${path}`, { headers: origin });
      expect(response.status).toBe(status);
      const csp = response.headers.get('content-security-policy');
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("connect-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toContain('upgrade-insecure-requests');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('x-frame-options')).toBe('DENY');
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
      expect(response.headers.get('strict-transport-security')).toBeNull();
      expect(accessControlHeaders(response)).toEqual([]);
    }
    const preflight = await fetch(`${url}/ping`, {
      method: 'OPTIONS',
      headers: { ...origin, 'access-control-request-method': 'POST' },
    });
    expect(preflight.status).toBe(404);
    expect(accessControlHeaders(preflight)).toEqual([]);
  });
});

describe('CORS_ORIGINS', () => {
  const listed = 'https://app.example.com';

  test('a listed origin gets its preflight and its answers; another origin and no origin get no CORS header', async () => {
    await start({ CORS_ORIGINS: `${listed}, http://localhost:*` });
    const preflight = await fetch(`${url}/ping`, {
      method: 'OPTIONS',
      headers: {
        origin: listed,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type,idempotency-key',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(listed);
    expect(preflight.headers.get('access-control-allow-methods')).toBe('GET, HEAD, POST');
    expect(preflight.headers.get('access-control-allow-headers')).toBe('Content-Type, Idempotency-Key');

    for (const path of ['/ping', '/raw']) {
      for (const origin of [listed, 'http://localhost:5173']) {
        const response = await fetch(`${url}${path}`, { headers: { origin } });
        expect(response.headers.get('access-control-allow-origin')).toBe(origin);
        expect(response.headers.get('access-control-expose-headers')).toBe('Retry-After');
        expect(response.headers.get('vary')).toContain('Origin');
        expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      }
      const others: Record<string, string>[] = [
        { origin: 'https://evil.example' },
        { origin: 'http://localhost.evil.example:80' },
        {},
      ];
      for (const headers of others) {
        const response = await fetch(`${url}${path}`, { headers });
        expect(response.status).toBe(200);
        expect(accessControlHeaders(response)).toEqual([]);
      }
    }
    const refused = await fetch(`${url}/ping`, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(refused.status).toBe(404);
    expect(accessControlHeaders(refused)).toEqual([]);
  });
});

describe('slow and idle clients', () => {
  test('a client that trickles its headers, and one that sends nothing, get 408 and are closed after HTTP_HEADERS_TIMEOUT_MS', async () => {
    await start({ HTTP_HEADERS_TIMEOUT_MS: '1500' });
    const trickling = rawConnection();
    trickle(trickling.socket, 'GET /ping HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: 1234567890\r\n\r\n', 1000);
    const silent = rawConnection();
    for (const connection of [trickling, silent]) {
      // Node checks the timeouts every second: closed at most a second after the timeout.
      const closedAfter = await connection.closedAfter;
      expect(closedAfter).toBeGreaterThanOrEqual(1400);
      expect(closedAfter).toBeLessThan(3500);
      expect(connection.received()).toMatch(/^HTTP\/1.1 408 Request Timeout/);
    }
  });

  test('a client that trickles its body gets 408 and is closed after HTTP_REQUEST_TIMEOUT_MS', async () => {
    await start({ HTTP_HEADERS_TIMEOUT_MS: '1000', HTTP_REQUEST_TIMEOUT_MS: '2000' });
    const connection = rawConnection();
    connection.socket.write('POST /raw HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100\r\n\r\n');
    trickle(connection.socket, 'x'.repeat(100), 200);
    const closedAfter = await connection.closedAfter;
    expect(closedAfter).toBeGreaterThanOrEqual(1900);
    expect(closedAfter).toBeLessThan(4000);
    expect(connection.received()).toMatch(/^HTTP\/1.1 408 Request Timeout/);
  });

  test('a kept-alive connection is closed once idle for HTTP_KEEP_ALIVE_TIMEOUT_MS (and the second Node adds)', async () => {
    await start({ HTTP_KEEP_ALIVE_TIMEOUT_MS: '500' });
    const connection = rawConnection();
    connection.socket.write('GET /ping HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
    const closedAfter = await connection.closedAfter;
    expect(connection.received()).toMatch(/^HTTP\/1.1 200 OK\r\n[^]*\r\n\r\n\{"pong":true\}$/);
    expect(closedAfter).toBeGreaterThanOrEqual(500);
    expect(closedAfter).toBeLessThan(2500);
  });

  test('beyond HTTP_MAX_CONNECTIONS a new connection is closed at once, unanswered; once one closes there is room', async () => {
    await start({ HTTP_MAX_CONNECTIONS: '2' });
    const held = [rawConnection(), rawConnection()];
    await Promise.all(held.map(({ socket }) => new Promise((resolve) => socket.once('connect', resolve))));
    const refused = rawConnection();
    refused.socket.write('GET /ping HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
    expect(await refused.closedAfter).toBeLessThan(1000);
    expect(refused.received()).toBe('');

    held[0].socket.destroy();
    await held[0].closedAfter;
    // The server sees the close a moment after the client.
    await new Promise((resolve) => setTimeout(resolve, 100));
    const admitted = rawConnection();
    admitted.socket.write('GET /ping HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n');
    await admitted.closedAfter;
    expect(admitted.received()).toMatch(/^HTTP\/1.1 200 OK/);
    held[1].socket.destroy();
  });
});
