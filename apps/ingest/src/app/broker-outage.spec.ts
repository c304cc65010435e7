import { EXAMPLE_TRADE as REFERENCE_TRADE } from '@tradeflow/contract';
import {
  type AppOnNats,
  eventually,
  getJson,
  type NatsServerHandle,
  postJson,
  type RunningApp,
  startAppOnNats,
} from '@tradeflow/testing';

// While the broker is away ingest says so (health 503) and refuses trades at once with 503 and
// Retry-After; when it returns, ingest reconnects by itself and accepts trades again.
let stack: AppOnNats;
let server: NatsServerHandle;
let ingest: RunningApp;

beforeAll(async () => {
  stack = await startAppOnNats(
    () => import('./app.module').then((m) => m.AppModule),
    { PUBLISH_TIMEOUT_MS: '1500' },
    { waitUntilHealthy: false },
  );
  ({ server, app: ingest } = stack);
});

afterAll(() => stack?.dispose());

const health = () => getJson(`${ingest.url}/health`);
const post = (path: string, body: unknown) => postJson(`${ingest.url}${path}`, body);

test('health is 200 once connected with every stream and consumer in place', async () => {
  const { status, body } = await eventually(async () => {
    const answer = await health();
    expect(answer.status).toBe(200);
    return answer;
  });
  expect(status).toBe(200);
  expect(body.details.jetstream.status).toBe('up');
});

test('with the broker down: health 503 with the reason, trades refused with 503 and Retry-After', async () => {
  await server.stop();
  const down = await eventually(async () => {
    const answer = await health();
    expect(answer.status).toBe(503);
    return answer;
  });
  expect(down.body.error.jetstream.reason).toBe(`not connected to NATS at ${server.url}`);

  const started = Date.now();
  const single = await post('/transactions', REFERENCE_TRADE);
  expect(single.status).toBe(503);
  expect(single.headers.get('retry-after')).toBe('2');
  expect(JSON.stringify(single.body)).toBe(
    JSON.stringify({
      statusCode: 503,
      error: 'Service Unavailable',
      message: 'trade not stored: not connected to NATS; retry later',
    }),
  );
  expect(Date.now() - started).toBeLessThan(1500);

  const batch = await post('/transactions/batch', [REFERENCE_TRADE, {}]);
  expect(batch.status).toBe(503);
  expect(batch.headers.get('retry-after')).toBe('2');
  const result = batch.body;
  expect(result.accepted).toEqual([]);
  expect(result.rejected.map((item: { index: number }) => item.index)).toEqual([1]);
  expect(result.failed).toEqual([{ index: 0, reason: expect.stringContaining('not connected') }]);
  expect(Object.keys(result)).toEqual(['statusCode', 'error', 'message', 'accepted', 'rejected', 'failed']);
  expect(result).toMatchObject({
    statusCode: 503,
    error: 'Service Unavailable',
    message: 'trade not stored: 1 of 2 trades; retry later',
  });
});

test('when the broker returns, ingest recovers by itself', async () => {
  await server.start();
  await eventually(async () => expect((await health()).status).toBe(200), 20_000);
  const response = await post('/transactions', REFERENCE_TRADE);
  expect(response.status).toBe(202);
});
