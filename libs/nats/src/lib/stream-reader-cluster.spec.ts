import { type NatsClusterHandle, startNatsCluster } from '@tradeflow/testing';
import { connect, type NatsConnection } from 'nats';
import { StreamReader } from './stream-reader';

// A reader's consumer lives on one server of a cluster. When that server dies while the reader's
// own connection (to another server) stays up, only the missing heartbeats tell: the reading must
// end with an error within seconds, so that the fold starts again on a live server.
let cluster: NatsClusterHandle;
let nc: NatsConnection;

beforeAll(async () => {
  cluster = await startNatsCluster();
  // Connected to n1 alone, so that killing another node leaves the connection as it is.
  nc = await connect({ servers: cluster.nodes[0].url });
  const jsm = await nc.jetstreamManager();
  await jsm.streams.add({ name: 'HB', subjects: ['hb.*'], num_replicas: 3 });
  await nc.jetstream().publish('hb.a');
}, 60_000);

afterAll(async () => {
  await nc?.close();
  await cluster?.dispose();
});

/** A reader whose consumer is on another node than n1 (placement is the server's choice). */
async function readerAwayFromN1(): Promise<[StreamReader, string]> {
  const jsm = await nc.jetstreamManager();
  for (;;) {
    const reader = await StreamReader.open(nc.jetstream(), jsm, {
      stream: 'HB',
      filterSubject: 'hb.a',
      startSeq: 1,
      batchMax: 10,
    });
    const consumers = await jsm.consumers.list('HB').next();
    const leader = consumers.find(({ name }) => name.startsWith('reader_'))?.cluster?.leader;
    if (leader && leader !== 'n1') return [reader, leader];
    await reader.close();
  }
}

test('ends with an error within seconds when the server holding its consumer dies', async () => {
  const [reader, node] = await readerAwayFromN1();
  const batches = reader.batches();
  expect((await batches.next()).value).toHaveLength(1);
  await cluster.node(node).kill();
  const started = Date.now();
  await expect(batches.next()).rejects.toThrow(/heartbeats|consumer/);
  // nats.js alone waits for two of its default 15 s heartbeats, then for the dead server.
  expect(Date.now() - started).toBeLessThan(15_000);
  await reader.close();
}, 60_000);
