import { EXAMPLE_TRADE as REFERENCE_TRADE, type Trade } from '@tradeflow/contract';
import {
  eventually,
  publishRaw,
  type RunningApp,
  startHttpApp,
  startNatsServer,
  type NatsServerHandle,
  streamContents,
} from '@tradeflow/testing';
import { STREAMS, SUBJECTS } from '@tradeflow/topology';
import { connect, type NatsConnection } from 'nats';

// `nats pub tx.submit '<json>'` and `nats req tx.submit '<json>'`, spoken as the CLI speaks them,
// against ingest and a real nats-server.
let server: NatsServerHandle;
let ingest: RunningApp;
let nc: NatsConnection;

const startIngest = () =>
  startHttpApp(() => import('../app/app.module').then((m) => m.AppModule), { NATS_URL: server.url });

beforeAll(async () => {
  server = await startNatsServer();
  ingest = await startIngest();
  nc = await connect({ servers: server.url });
  await eventually(async () => expect((await fetch(`${ingest.url}/health`)).status).toBe(200));
});

afterAll(async () => {
  await nc?.close();
  await ingest?.close();
  await server?.dispose();
});

const accepted = () => streamContents<Trade>(nc, STREAMS.transactions);
const rejected = () =>
  streamContents<{ errors: { field: string; message: string }[]; payload: string }>(nc, STREAMS.rejected);
const pendingSubmissions = async () =>
  (await nc.jetstreamManager()).streams.info(STREAMS.submissions).then((info) => info.state.messages);
const submit = (trade: object | string, headers?: Record<string, string>) =>
  publishRaw(server.url, SUBJECTS.submit, typeof trade === 'string' ? trade : JSON.stringify(trade), headers);

test('a valid trade published on tx.submit is stored in TRANSACTIONS and leaves the queue', async () => {
  await submit({ ...REFERENCE_TRADE, userId: 'cli-user' });
  const trade = await eventually(async () => {
    const found = (await accepted()).find((message) => message.data.userId === 'cli-user');
    expect(found).toBeDefined();
    return found!.data;
  });
  expect(trade).toEqual({
    ...REFERENCE_TRADE,
    userId: 'cli-user',
    id: expect.any(String),
    timePlacedIso: '2018-01-24T10:27:44.000Z',
    receivedAt: expect.any(String),
  });
  await eventually(async () => expect(await pendingSubmissions()).toBe(0));
});

test('an invalid trade goes to REJECTED with its reasons and payload, not to TRANSACTIONS', async () => {
  const payload = JSON.stringify({ ...REFERENCE_TRADE, userId: 'bad-user', currencyTo: 'EUR' });
  await submit(payload);
  const record = await eventually(async () => {
    const found = (await rejected()).find((message) => message.data.payload === payload);
    expect(found).toBeDefined();
    return found!.data;
  });
  expect(record).toMatchObject({
    source: 'tx.submit',
    submissionSequence: expect.any(Number),
    errors: [{ field: 'currencyTo', message: 'currencyTo must differ from currencyFrom' }],
  });
  expect((await accepted()).some((message) => message.data.userId === 'bad-user')).toBe(false);
  await eventually(async () => expect(await pendingSubmissions()).toBe(0));
});

test('malformed JSON on tx.submit is rejected with the parse error', async () => {
  await submit('{"userId": 13');
  await eventually(async () => {
    const found = (await rejected()).find((message) => message.data.payload === '{"userId": 13');
    expect(found?.data.errors[0].message).toMatch(/^body is not valid JSON/);
  });
});

test('nats req tx.submit is answered by JetStream once the submission is queued', async () => {
  const reply = await nc.request(SUBJECTS.submit, new TextEncoder().encode(JSON.stringify(REFERENCE_TRADE)), {
    timeout: 5000,
  });
  expect(reply.json()).toEqual({ stream: STREAMS.submissions, seq: expect.any(Number) });
});

test('an Idempotency-Key header stores the trade once however often it is published', async () => {
  const trade = { ...REFERENCE_TRADE, userId: 'idempotent-user' };
  await submit(trade, { 'Idempotency-Key': 'cli-order-1' });
  await submit(trade, { 'Idempotency-Key': 'cli-order-1' });
  await eventually(async () => expect(await pendingSubmissions()).toBe(0));
  const stored = (await accepted()).filter((message) => message.data.userId === 'idempotent-user');
  expect(stored).toHaveLength(1);
});

test('trades published while ingest is stopped wait in SUBMISSIONS and are stored when it starts', async () => {
  await ingest.close();
  for (const userId of ['late-1', 'late-2', 'late-3']) await submit({ ...REFERENCE_TRADE, userId });
  expect(await pendingSubmissions()).toBe(3);
  ingest = await startIngest();
  await eventually(async () => {
    const users = (await accepted()).map((message) => message.data.userId);
    expect(users).toEqual(expect.arrayContaining(['late-1', 'late-2', 'late-3']));
  });
  await eventually(async () => expect(await pendingSubmissions()).toBe(0));
});
