import { startNatsServer, type NatsServerHandle } from '@tradeflow/testing';
import { connect, type JetStreamClient, type JetStreamManager, type JsMsg, type NatsConnection } from 'nats';
import { StreamReader } from './stream-reader';

// A real nats-server: the reader's promises (order, batches, a bounded client buffer, no consumer
// left behind) are about how it pulls from JetStream.
const STREAM = 'READER';
const encoder = new TextEncoder();

let server: NatsServerHandle;
let nc: NatsConnection;
let js: JetStreamClient;
let jsm: JetStreamManager;

beforeAll(async () => {
  server = await startNatsServer();
  nc = await connect({ servers: server.url });
  js = nc.jetstream();
  jsm = await nc.jetstreamManager();
  await jsm.streams.add({ name: STREAM, subjects: ['reader.>'] });
  // 600 messages on reader.a interleaved with 300 on reader.b: a's stream sequences have gaps.
  for (let i = 1; i <= 600; i++) {
    await js.publish('reader.a', encoder.encode(String(i)));
    if (i % 2 === 0) await js.publish('reader.b', encoder.encode(`b${i}`));
  }
});

afterAll(async () => {
  await nc?.close();
  await server?.dispose();
});

const bodies = (batch: JsMsg[]) => batch.map((message) => message.string());
const open = (startSeq: number, batchMax: number) =>
  StreamReader.open(js, jsm, { stream: STREAM, filterSubject: 'reader.a', startSeq, batchMax });

test('reads one subject in stream order from a sequence on, in batches up to the limit, the last ending with the stream', async () => {
  const reader = await open(1, 64);
  const read: string[] = [];
  const sizes: number[] = [];
  for await (const batch of reader.batches()) {
    read.push(...bodies(batch));
    sizes.push(batch.length);
    if (read.length === 600) break;
  }
  await reader.close();
  expect(read).toEqual(Array.from({ length: 600 }, (_, index) => String(index + 1)));
  expect(Math.max(...sizes)).toBeLessThanOrEqual(64);
  // The last batch did not wait for a 601st message: it ended with what the stream held.
  expect(sizes.reduce((sum, size) => sum + size, 0)).toBe(600);
});

test('starts at the given stream sequence', async () => {
  const reader = await open(100, 1000);
  const read: JsMsg[] = [];
  for await (const batch of reader.batches()) {
    read.push(...batch);
    if (read.length >= 534) break;
  }
  await reader.close();
  // Stream sequence 100 is the 67th message of reader.a (every third is one of reader.b's).
  expect(read[0].seq).toBe(100);
  expect(bodies(read)).toEqual(Array.from({ length: 534 }, (_, index) => String(index + 67)));
});

test('gives as a batch all that arrived while the previous one was in hand, up to the limit', async () => {
  const reader = await open(1, 200);
  const batches = reader.batches();
  await batches.next();
  await new Promise((resolve) => setTimeout(resolve, 300));
  const { value: second } = await batches.next();
  await reader.close();
  expect(second).toHaveLength(200);
});

test('lets the holder of a batch take at once, up to a limit, what arrived after it, in order', async () => {
  const reader = await open(1, 200);
  const batches = reader.batches();
  const { value: first } = await batches.next();
  await new Promise((resolve) => setTimeout(resolve, 300));
  const more = reader.takeArrived(150);
  const { value: next } = await batches.next();
  await reader.close();
  const read = bodies([...first, ...more, ...next]);
  expect(more).toHaveLength(150);
  expect(read).toEqual(Array.from({ length: read.length }, (_, index) => String(index + 1)));
});

test('pulls no further ahead of a reader that stops taking batches than about two batches', async () => {
  const reader = await open(1, 50);
  const batches = reader.batches();
  await batches.next();
  await new Promise((resolve) => setTimeout(resolve, 500));
  const [info] = await jsm.consumers.list(STREAM).next();
  await reader.close();
  // nats.js's own ordered consumer would have pulled all 600 by now.
  expect(info.delivered.consumer_seq).toBeLessThanOrEqual(150);
});

test('deletes its consumer when closed', async () => {
  const reader = await open(1, 10);
  await reader.batches().next();
  expect(await jsm.consumers.list(STREAM).next()).toHaveLength(1);
  await reader.close();
  expect(await jsm.consumers.list(STREAM).next()).toHaveLength(0);
});

test('ends a reading loop that waits for messages once closed', async () => {
  const reader = await open(1, 1000);
  const reading = (async () => {
    let read = 0;
    for await (const batch of reader.batches()) read += batch.length;
    return read;
  })();
  // All 600 are read well within this; the loop then waits for a 601st.
  await new Promise((resolve) => setTimeout(resolve, 300));
  await reader.close();
  await expect(reading).resolves.toBe(600);
});
