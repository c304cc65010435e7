import { setTimeout as sleep } from 'node:timers/promises';
import { startNatsServer, type NatsServerHandle } from '@tradeflow/testing';
import { connect, type NatsConnection } from 'nats';
import { storedBetween } from './transactions-lookup';

// A stream of two subjects on a real nats-server, messages with ids, and the instants between.
let server: NatsServerHandle;
let nc: NatsConnection;
let before: Date;
let between: Date;
let after: Date;

const publish = (subject: string, msgID: string) => nc.jetstream().publish(subject, '{}', { msgID });

beforeAll(async () => {
  server = await startNatsServer();
  nc = await connect({ servers: server.url });
  await (await nc.jetstreamManager()).streams.add({ name: 'LOOKUP', subjects: ['lookup.*'] });
  before = new Date();
  for (let i = 0; i < 1500; i++) await publish('lookup.a', `early-${i}`);
  await publish('lookup.b', 'on-b');
  await sleep(20);
  between = new Date();
  await sleep(20);
  await publish('lookup.a', 'late');
  after = new Date(Date.now() + 1);
});

afterAll(async () => {
  await nc?.close();
  await server?.dispose();
});

const lookup = (subject: string, id: string, from: Date, to: Date) =>
  storedBetween(nc.jetstream(), 'LOOKUP', subject, id, from, to);

test('finds an id stored on the subject between the instants, past more than one read', async () => {
  expect(await lookup('lookup.a', 'early-1499', before, after)).toBe(true);
  expect(await lookup('lookup.a', 'late', before, after)).toBe(true);
});

test('does not find an id stored before the first instant or after the last', async () => {
  expect(await lookup('lookup.a', 'early-0', between, after)).toBe(false);
  expect(await lookup('lookup.a', 'late', before, between)).toBe(false);
});

test('does not find an id of another subject, nor one never stored, and leaves no consumer', async () => {
  expect(await lookup('lookup.a', 'on-b', before, after)).toBe(false);
  expect(await lookup('lookup.a', 'never', before, after)).toBe(false);
  expect(await lookup('lookup.c', 'never', before, after)).toBe(false);
  const { state } = await (await nc.jetstreamManager()).streams.info('LOOKUP');
  expect(state.consumer_count).toBe(0);
});
