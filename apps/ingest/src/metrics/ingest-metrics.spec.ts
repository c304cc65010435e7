import { EXAMPLE_TRADE } from '@tradeflow/contract';
import {
  type AppOnNats,
  eventually,
  type Metrics,
  postJson,
  publishRaw,
  scrapeMetrics,
  startAppOnNats,
} from '@tradeflow/testing';
import { SUBJECTS } from '@tradeflow/topology';

// ingest's own metrics on GET /metrics, after requests of every kind by both routes and tx.submit,
// against a real nats-server.
let stack: AppOnNats;
let metrics: Metrics;

const BODY_LIMIT_BYTES = 1024;
const trade = (userId: string) => ({ ...EXAMPLE_TRADE, userId });
const post = (path: string, body: unknown, headers?: Record<string, string>) =>
  postJson(`${stack.app.url}${path}`, body, headers);
const scrape = () => scrapeMetrics(stack.app.url);

beforeAll(async () => {
  stack = await startAppOnNats(() => import('../app/app.module').then((m) => m.AppModule), {
    BODY_LIMIT_BYTES: String(BODY_LIMIT_BYTES),
  });
  const answers = [
    await post('/transactions', trade('metrics-1')),
    await post('/transactions', trade('metrics-2')),
    await post('/transactions', { ...EXAMPLE_TRADE, amountSell: -1 }),
    await post('/transactions', '{"userId":'),
    await post('/transactions', { ...EXAMPLE_TRADE, userId: 'x'.repeat(BODY_LIMIT_BYTES) }),
    await post('/transactions', JSON.stringify(EXAMPLE_TRADE), { 'content-type': 'text/plain' }),
    await post('/transactions/batch', [
      trade('metrics-3'),
      trade('metrics-4'),
      { ...EXAMPLE_TRADE, currencyTo: 'EUR' },
    ]),
    await post('/transactions/batch', {}),
    await post('/transactions/batch', '[', { 'content-type': 'text/plain' }),
  ];
  expect(answers.map((answer) => answer.status)).toEqual([202, 202, 400, 400, 413, 415, 202, 400, 415]);
  for (const path of ['/wp-login.php', '/.env', '/admin/config?x=1']) {
    expect((await fetch(`${stack.app.url}${path}`)).status).toBe(404);
  }
  // A body sent to no route is no trade refused, whatever it is answered.
  await post('/xmlrpc.php', 'x', { 'content-type': 'text/plain' });
  await publishRaw(stack.server.url, SUBJECTS.submit, JSON.stringify(trade('metrics-nats')));
  await publishRaw(stack.server.url, SUBJECTS.submit, JSON.stringify({ ...EXAMPLE_TRADE, rate: 'high' }));
  await eventually(async () => expect((await scrape()).sum('tradeflow_submissions_handled_total')).toBe(2));
  // GET /metrics was answered at least once before this scrape: it is among the routes.
  metrics = await scrape();
});

afterAll(async () => {
  await stack?.dispose();
});

test('counts trades accepted and refused by transport, a batch by its trades, refusals by field or kind', () => {
  const accepted = (transport: string) => metrics.value('tradeflow_trades_accepted_total', { transport });
  expect(accepted('http')).toBe(4);
  expect(accepted('nats')).toBe(1);
  const refused = (transport: string, reason: string) =>
    metrics.value('tradeflow_trades_refused_total', { transport, reason });
  expect(refused('http', 'amountSell')).toBe(1);
  expect(refused('http', 'currencyTo')).toBe(1);
  expect(refused('http', 'malformed')).toBe(1);
  expect(refused('http', 'too-large')).toBe(1);
  expect(refused('http', 'unsupported-media-type')).toBe(2);
  expect(refused('http', 'invalid-batch')).toBe(1);
  expect(refused('nats', 'rate')).toBe(1);
  expect(metrics.sum('tradeflow_trades_refused_total')).toBe(8);
});

test('counts tx.submit messages by outcome, and shows the consumer’s backlog', () => {
  expect(metrics.value('tradeflow_submissions_handled_total', { outcome: 'accepted' })).toBe(1);
  expect(metrics.value('tradeflow_submissions_handled_total', { outcome: 'refused' })).toBe(1);
  expect(metrics.value('tradeflow_submissions_pending')).toBe(0);
});

test('counts HTTP requests by route pattern and status, every unknown path as one route', () => {
  const requests = (route: string, status: string) => metrics.value('tradeflow_http_requests_total', { route, status });
  expect(requests('POST /transactions', '202')).toBe(2);
  expect(requests('POST /transactions', '400')).toBe(2);
  expect(requests('POST /transactions', '413')).toBe(1);
  expect(requests('POST /transactions', '415')).toBe(1);
  expect(requests('POST /transactions/batch', '202')).toBe(1);
  expect(requests('POST /transactions/batch', '400')).toBe(1);
  expect(requests('POST /transactions/batch', '415')).toBe(1);
  expect(requests('other', '404')).toBe(3);
  expect(metrics.sum('tradeflow_http_requests_total', { route: 'other' })).toBe(4);
  expect(requests('GET /health', '200')).toBeGreaterThanOrEqual(1);
  expect(metrics.labelValues('tradeflow_http_requests_total', 'route').sort()).toEqual([
    'GET /health',
    'GET /metrics',
    'POST /transactions',
    'POST /transactions/batch',
    'other',
  ]);
});

test('times every request: each route’s histogram counts as many as its requests', () => {
  for (const route of metrics.labelValues('tradeflow_http_requests_total', 'route')) {
    const count = metrics.value('tradeflow_http_request_duration_seconds_count', { route });
    expect({ route, count }).toEqual({ route, count: metrics.sum('tradeflow_http_requests_total', { route }) });
    const all = metrics.value('tradeflow_http_request_duration_seconds_bucket', { route, le: '+Inf' });
    expect(all).toBe(count);
  }
});

test('times the JetStream publishes by stream: each stored trade, and the recorded refusals', async () => {
  expect(metrics.value('tradeflow_jetstream_publish_duration_seconds_count', { stream: 'TRANSACTIONS' })).toBe(5);
  // HTTP's refusals are recorded without holding up the answer: two single trades, a batch's item, tx.submit's.
  await eventually(async () =>
    expect((await scrape()).value('tradeflow_jetstream_publish_duration_seconds_count', { stream: 'REJECTED' })).toBe(
      4,
    ),
  );
  expect(metrics.find('tradeflow_jetstream_publish_failures_total')).toEqual([]);
});
