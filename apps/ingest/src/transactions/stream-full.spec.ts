import {
  eventually,
  postJson,
  REFERENCE_TRADE,
  type RunningApp,
  startHttpApp,
  startNatsServer,
  type NatsServerHandle,
} from '@tradeflow/testing';

// TRANSACTIONS refuses new trades when full rather than dropping history: ingest answers 503.
let server: NatsServerHandle;
let ingest: RunningApp;

beforeAll(async () => {
  server = await startNatsServer();
  ingest = await startHttpApp(() => import('../app/app.module').then((m) => m.AppModule), {
    NATS_URL: server.url,
    TRANSACTIONS_MAX_MESSAGES: '2',
  });
  await eventually(async () => expect((await fetch(`${ingest.url}/health`)).status).toBe(200));
});

afterAll(async () => {
  await ingest?.close();
  await server?.dispose();
});

test('a full TRANSACTIONS stream gives 503 with Retry-After, never a 202', async () => {
  const post = () => postJson(`${ingest.url}/transactions`, REFERENCE_TRADE);
  expect((await post()).status).toBe(202);
  expect((await post()).status).toBe(202);
  const full = await post();
  expect(full.status).toBe(503);
  expect(full.headers.get('retry-after')).toBe('2');
  expect(full.body.message).toMatch(/^trade not stored: .*maximum messages/);
});
