import {
  eventually,
  getJson,
  type RunningApp,
  startHttpApp,
  startNatsServer,
  type NatsServerHandle,
} from '@tradeflow/testing';
import { BUCKETS, STREAMS } from '@tradeflow/topology';
import { connect } from 'nats';

// process creates the stats bucket, and is ready only once ingest's TRANSACTIONS stream exists.
let server: NatsServerHandle;
let processApp: RunningApp;

beforeAll(async () => {
  server = await startNatsServer();
  processApp = await startHttpApp(() => import('./app.module').then((m) => m.AppModule), { NATS_URL: server.url });
});

afterAll(async () => {
  await processApp?.close();
  await server?.dispose();
});

const health = () => getJson(`${processApp.url}/health`);

test('creates the stats bucket, and answers 503 naming TRANSACTIONS until that stream exists', async () => {
  const waiting = await eventually(async () => {
    const answer = await health();
    expect(answer.body.error?.jetstream?.reason).toBe(`stream ${STREAMS.transactions} does not exist`);
    return answer;
  });
  expect(waiting.status).toBe(503);

  const nc = await connect({ servers: server.url });
  const jsm = await nc.jetstreamManager();
  expect((await jsm.streams.info(`KV_${BUCKETS.stats}`)).config.max_msgs_per_subject).toBe(1);
  await jsm.streams.add({ name: STREAMS.transactions, subjects: ['tx.accepted.*'] });
  await eventually(async () => expect((await health()).status).toBe(200));
  await nc.close();
});
