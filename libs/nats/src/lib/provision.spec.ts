import { startNatsServer, type NatsServerHandle } from '@tradeflow/testing';
import { connect, nanos, type NatsConnection } from 'nats';
import { bucketStream, provision } from './provision';

// Provisioning runs at every start: what changed in the configuration since the last must apply.
let server: NatsServerHandle;
let nc: NatsConnection;

beforeAll(async () => {
  server = await startNatsServer();
  nc = await connect({ servers: server.url });
});

afterAll(async () => {
  await nc?.close();
  await server?.dispose();
});

const provisionBucket = async (ttl?: number) =>
  provision(await nc.jetstreamManager(), nc.jetstream(), { buckets: [{ name: 'TTL', options: { history: 1, ttl } }] });
const bucketTtl = async () => (await (await nc.jetstreamManager()).streams.info(bucketStream('TTL'))).config.max_age;

test("creates a bucket with its TTL, and brings an existing bucket's TTL up to date", async () => {
  await provisionBucket(5000);
  expect(await bucketTtl()).toBe(nanos(5000));
  const kv = await nc.jetstream().views.kv('TTL', { bindOnly: true });
  await kv.put('kept', 'value');

  await provisionBucket(60_000);
  expect(await bucketTtl()).toBe(nanos(60_000));
  await provisionBucket();
  expect(await bucketTtl()).toBe(0);
  expect((await kv.get('kept'))?.string()).toBe('value');
});
