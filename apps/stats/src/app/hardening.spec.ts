import { mkdtempSync, writeFileSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import {
  eventually,
  type NatsServerHandle,
  type RunningApp,
  startHttpApp,
  startNatsServer,
  WsClient,
} from '@tradeflow/testing';
import { WebSocket } from 'ws';
import { EventsBroadcaster } from '../events/events.broadcaster';
import { configureStats } from './configure-app';

// What a page of another site, and an idle client, can do to stats: /ws refuses the one at the
// upgrade, and the HTTP timeouts (short here) never close an open WebSocket.
const DASHBOARD = 'https://dashboard.example.com';
const KEEP_ALIVE_TIMEOUT_MS = 300;

let server: NatsServerHandle;
let stats: RunningApp;
let wsUrl: string;
const sockets: WebSocket[] = [];
const clients: WsClient[] = [];

beforeAll(async () => {
  const dashboard = mkdtempSync(join(tmpdir(), 'dashboard-'));
  writeFileSync(join(dashboard, 'index.html'), '<!doctype html><title>tradeflow</title>');
  server = await startNatsServer();
  stats = await startHttpApp(
    () => import('./app.module').then((m) => m.AppModule),
    {
      NATS_URL: server.url,
      DASHBOARD_DIR: dashboard,
      WS_ALLOWED_ORIGINS: DASHBOARD,
      HTTP_HEADERS_TIMEOUT_MS: '300',
      HTTP_REQUEST_TIMEOUT_MS: '300',
      HTTP_KEEP_ALIVE_TIMEOUT_MS: String(KEEP_ALIVE_TIMEOUT_MS),
    },
    configureStats,
  );
  wsUrl = `${stats.url.replace(/^http/, 'ws')}/ws`;
});

afterAll(async () => {
  for (const socket of sockets) socket.terminate();
  for (const client of clients) client.close();
  await stats?.close();
  await server?.dispose();
});

/** The upgrade's answer: 101 when the socket opened, else the HTTP status it was refused with. */
async function upgradeStatus(origin?: string, host?: string): Promise<number> {
  const socket = new WebSocket(wsUrl, { ...(origin && { origin }), ...(host && { headers: { host } }) });
  sockets.push(socket);
  return new Promise((resolve, reject) => {
    socket.once('open', () => resolve(101));
    socket.once('unexpected-response', (_request, response: IncomingMessage) => resolve(response.statusCode ?? 0));
    socket.once('error', reject);
  });
}

test('the dashboard page carries the security headers', async () => {
  const page = await fetch(stats.url);
  expect(page.status).toBe(200);
  expect(page.headers.get('content-security-policy')).toContain("connect-src 'self'");
  expect(page.headers.get('x-content-type-options')).toBe('nosniff');
  expect(page.headers.get('referrer-policy')).toBe('no-referrer');
});

test("/ws: a listed origin and a client without Origin are let in; another site's page gets 403, logged, also one posing as this host", async () => {
  const warn = jest.spyOn(Logger.prototype, 'warn');
  // Only the refusals: the view warns too while the KV bucket does not exist yet (no process here).
  const refusals = () =>
    warn.mock.calls.map(([message]) => String(message)).filter((message) => message.startsWith('refused a WebSocket'));
  try {
    expect(await upgradeStatus(DASHBOARD)).toBe(101);
    expect(await upgradeStatus()).toBe(101);
    expect(refusals()).toEqual([]);

    expect(await upgradeStatus('https://evil.example')).toBe(403);
    // WS_ALLOWED_ORIGINS replaces the loopback defaults.
    expect(await upgradeStatus('http://localhost:5173')).toBe(403);
    // DNS rebinding: a page whose name now resolves to this host sends that name as Host.
    expect(await upgradeStatus('http://evil.example:3002', 'evil.example:3002')).toBe(403);
    expect(refusals()).toEqual([
      expect.stringMatching(/^refused a WebSocket from origin "https:\/\/evil.example" to host "127.0.0.1:\d+"/),
      expect.stringMatching(/^refused a WebSocket from origin "http:\/\/localhost:5173"/),
      expect.stringMatching(
        /^refused a WebSocket from origin "http:\/\/evil.example:3002" to host "evil.example:3002"/,
      ),
    ]);
  } finally {
    warn.mockRestore();
  }
});

test('an open /ws that receives nothing outlives the keep-alive, headers and request timeouts', async () => {
  const client = await WsClient.open(wsUrl);
  clients.push(client);
  const broadcaster = stats.app.get(EventsBroadcaster);
  await eventually(() => expect(broadcaster.clientStates().length).toBeGreaterThan(0));
  const seen = client.messages.length;
  // Well past the three timeouts, their second of grace and Node's checks every 300 ms.
  await new Promise((resolve) => setTimeout(resolve, KEEP_ALIVE_TIMEOUT_MS + 2500));
  expect(client.open).toBe(true);
  expect(client.messages).toHaveLength(seen);

  // Still served: a frame over WS_MAX_PAYLOAD_BYTES is answered as ever, by closing with 1009.
  client.send('x'.repeat(5000));
  expect(await client.closed).toBe(1009);
});
