import { startNatsServer, type NatsServerHandle } from '@tradeflow/testing';
import { connect, type NatsConnection } from 'nats';
import { countKeys, lastStoredSeq, latestRevision, nextStoredSeq } from './leader-reads';

// A real nats-server: these reads are requests the server answers (`next_by_subj`: 2.9 and newer).
let server: NatsServerHandle;
let nc: NatsConnection;

beforeAll(async () => {
  server = await startNatsServer();
  nc = await connect({ servers: server.url });
  await (await nc.jetstreamManager()).streams.add({ name: 'NEXT', subjects: ['next.*'] });
  const js = nc.jetstream();
  for (const subject of ['next.a', 'next.b', 'next.b', 'next.a', 'next.b']) await js.publish(subject);
});

afterAll(async () => {
  await nc?.close();
  await server?.dispose();
});

test("finds a subject's next stored message from a sequence on, past the other subjects'", async () => {
  const jsm = await nc.jetstreamManager();
  expect(await nextStoredSeq(jsm, 'NEXT', 'next.a', 1)).toBe(1);
  expect(await nextStoredSeq(jsm, 'NEXT', 'next.a', 2)).toBe(4);
  expect(await nextStoredSeq(jsm, 'NEXT', 'next.b', 4)).toBe(5);
});

test('is undefined past the last message of the subject', async () => {
  const jsm = await nc.jetstreamManager();
  expect(await nextStoredSeq(jsm, 'NEXT', 'next.a', 5)).toBeUndefined();
  expect(await nextStoredSeq(jsm, 'NEXT', 'next.c', 1)).toBeUndefined();
});

test("finds a subject's last stored message, and undefined for a subject with none", async () => {
  const jsm = await nc.jetstreamManager();
  expect(await lastStoredSeq(jsm, 'NEXT', 'next.a')).toBe(4);
  expect(await lastStoredSeq(jsm, 'NEXT', 'next.b')).toBe(5);
  expect(await lastStoredSeq(jsm, 'NEXT', 'next.c')).toBeUndefined();
});

test("gives a KV key's last revision, a delete included, and undefined for a key never written", async () => {
  const jsm = await nc.jetstreamManager();
  const kv = await nc.jetstream().views.kv('READS');
  const first = await kv.put('a', 'one');
  expect(await latestRevision(jsm, 'READS', 'a')).toBe(first);
  await kv.put('b', 'two');
  await kv.delete('a');
  expect(await latestRevision(jsm, 'READS', 'a')).toBe(first + 2);
  expect(await latestRevision(jsm, 'READS', 'c')).toBeUndefined();
});

test("counts a bucket's keys that match a filter, a deleted one too", async () => {
  const jsm = await nc.jetstreamManager();
  const kv = await nc.jetstream().views.kv('COUNT');
  expect(await countKeys(jsm, 'COUNT', 'instances.*')).toBe(0);
  await kv.put('instances.a', 'x');
  await kv.put('instances.b', 'x');
  await kv.put('instances.b', 'y');
  await kv.put('partitions.0', 'a');
  expect(await countKeys(jsm, 'COUNT', 'instances.*')).toBe(2);
  await kv.delete('instances.a');
  expect(await countKeys(jsm, 'COUNT', 'instances.*')).toBe(2);
});
