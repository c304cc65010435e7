import { startNatsServer, type NatsServerHandle } from '@tradeflow/testing';
import { connect, DiscardPolicy, type JetStreamManager, type NatsConnection } from 'nats';
import { AckedPublisher, PublishNotAcknowledgedError } from './acked-publisher';

// A real nats-server: what the publisher promises is what JetStream answers.
const encoder = new TextEncoder();
const body = (text: string) => encoder.encode(text);

let server: NatsServerHandle;
let nc: NatsConnection;
let jsm: JetStreamManager;
let publisher: AckedPublisher;

beforeAll(async () => {
  server = await startNatsServer();
  nc = await connect({ servers: server.url });
  jsm = await nc.jetstreamManager();
  await jsm.streams.add({ name: 'ACKED', subjects: ['acked.>'] });
  await jsm.streams.add({ name: 'SMALL', subjects: ['small.>'], max_msgs: 1, discard: DiscardPolicy.New });
  publisher = new AckedPublisher(nc);
});

afterAll(async () => {
  await nc?.close();
  await server?.dispose();
});

const options = (msgID: string, expectStream = 'ACKED') => ({ msgID, expectStream, timeoutMs: 2000 });

test('resolves with where the stream stored the message, once stored, many in flight at once', async () => {
  const acks = await Promise.all(
    Array.from({ length: 200 }, (_, index) =>
      publisher.publish('acked.a', body(String(index)), options(`id-${index}`)),
    ),
  );
  expect(acks.map((ack) => ack.stream)).toEqual(Array(200).fill('ACKED'));
  expect(new Set(acks.map((ack) => ack.seq)).size).toBe(200);
  const stored = await jsm.streams.getMessage('ACKED', { seq: acks[7].seq });
  expect(stored.header.get('Nats-Msg-Id')).toBe('id-7');
  expect(new TextDecoder().decode(stored.data)).toBe('7');
});

test('a message id published again is acknowledged as a duplicate and stored once', async () => {
  const first = await publisher.publish('acked.b', body('x'), options('same-id'));
  const again = await publisher.publish('acked.b', body('x'), options('same-id'));
  expect(again).toMatchObject({ seq: first.seq, duplicate: true });
});

test("refuses with JetStream's reason: the stream full, another stream expected", async () => {
  await publisher.publish('small.a', body('1'), options('small-1', 'SMALL'));
  await expect(publisher.publish('small.a', body('2'), options('small-2', 'SMALL'))).rejects.toThrow(
    new PublishNotAcknowledgedError('maximum messages exceeded'),
  );
  await expect(publisher.publish('acked.c', body('1'), options('c-1', 'SMALL'))).rejects.toThrow(
    /expected stream does not match/,
  );
});

test('refuses a subject no stream stores, and one whose answer does not come in time', async () => {
  await expect(publisher.publish('nowhere.a', body('1'), options('n-1'))).rejects.toThrow('no stream stores nowhere.a');
  const silent = nc.subscribe('silent.a'); // takes the message and never answers
  await expect(publisher.publish('silent.a', body('1'), { ...options('s-1'), timeoutMs: 300 })).rejects.toThrow(
    'no acknowledgement from JetStream within 300 ms',
  );
  silent.unsubscribe();
});

test('tells its observer each acknowledgement, with its latency, and each failure, by stream', async () => {
  const observed = new AckedPublisher(nc);
  const acknowledged: [string, number][] = [];
  const failed: string[] = [];
  observed.observe({
    acknowledged: (stream, seconds) => acknowledged.push([stream, seconds]),
    failed: (stream) => failed.push(stream),
  });
  await observed.publish('acked.d', body('1'), options('d-1'));
  await observed.publish('acked.d', body('2'), options('d-2'));
  await expect(observed.publish('nowhere.b', body('1'), options('n-2'))).rejects.toThrow();
  await expect(observed.publish('acked.e', body('1'), options('e-1', 'SMALL'))).rejects.toThrow();
  expect(acknowledged).toEqual([
    ['ACKED', expect.any(Number)],
    ['ACKED', expect.any(Number)],
  ]);
  expect(acknowledged.every(([, seconds]) => seconds >= 0)).toBe(true);
  expect(failed).toEqual(['ACKED', 'SMALL']);
});
