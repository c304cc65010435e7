import { connect, type KV, type NatsConnection, type NatsError } from 'nats';
import { eventually } from './eventually';
import { FakeKv } from './fake-kv';
import { startNatsServer, type NatsServerHandle } from './nats-server';

// The same calls on a bucket of a real nats-server and on FakeKv give the same answers: revisions,
// entries, the errors' message, code and api_error, and the leader reads.
type Bucket = Pick<KV, 'get' | 'put' | 'create' | 'update' | 'delete'>;
type LeaderReads = Pick<FakeKv, 'latestRevision' | 'countKeys'>;

const TTL_MS = 1000;

const outcome = (call: Promise<unknown>) =>
  call.then(
    (value) => value ?? null,
    ({ message, code, api_error }: NatsError) => ({ message, code, api_error }),
  );

async function entryOf(kv: Bucket, key: string) {
  const entry = await kv.get(key);
  return entry && { operation: entry.operation, revision: entry.revision, value: entry.string() };
}

async function writesByRevision(kv: Bucket, leader: LeaderReads): Promise<unknown[]> {
  return [
    await outcome(kv.create('partitions.0', 'a')),
    await outcome(kv.create('partitions.0', 'b')),
    await outcome(kv.update('partitions.0', 'c', 1)),
    await outcome(kv.update('partitions.0', 'd', 1)),
    await outcome(kv.put('instances.a', 'now')),
    await outcome(kv.put('instances.b', 'now', { previousSeq: 0 })),
    await outcome(kv.delete('partitions.0', { previousSeq: 1 })),
    await outcome(kv.delete('partitions.0', { previousSeq: 2 })),
    await entryOf(kv, 'partitions.0'),
    await outcome(kv.update('partitions.0', 'e', 2)),
    await outcome(kv.create('partitions.0', 'f')),
    await entryOf(kv, 'partitions.0'),
    await entryOf(kv, 'partitions.1'),
    await outcome(kv.delete('instances.b')),
    (await leader.latestRevision('partitions.0')) ?? null,
    (await leader.latestRevision('partitions.1')) ?? null,
    await leader.countKeys('instances.*'),
    await leader.countKeys('partitions.*'),
  ];
}

const wrongLastSequence = (last: number) => ({
  message: `wrong last sequence: ${last}`,
  code: '400',
  api_error: { code: 400, err_code: 10071, description: `wrong last sequence: ${last}` },
});

const WRITES_BY_REVISION = [
  1,
  wrongLastSequence(1),
  2,
  wrongLastSequence(2),
  3,
  4,
  wrongLastSequence(2),
  null,
  { operation: 'DEL', revision: 5, value: '' },
  wrongLastSequence(5),
  6,
  { operation: 'PUT', revision: 6, value: 'f' },
  null,
  null,
  6,
  null,
  2,
  1,
];

/** Keys written, then the TTL passed (`expire`), then written again. */
async function expiry(kv: Bucket, leader: LeaderReads, expire: () => Promise<void>): Promise<unknown[]> {
  await kv.create('partitions.0', 'a');
  await kv.put('instances.a', 'now');
  await kv.delete('instances.a');
  await expire();
  return [
    await entryOf(kv, 'partitions.0'),
    (await leader.latestRevision('instances.a')) ?? null,
    await leader.countKeys('instances.*'),
    await outcome(kv.update('partitions.0', 'b', 1)),
    await outcome(kv.create('partitions.0', 'c')),
  ];
}

const EXPIRY = [null, null, 0, wrongLastSequence(0), 4];

describe('FakeKv', () => {
  test('writes by revision and reads the leader as JetStream does', async () => {
    const kv = new FakeKv();
    expect(await writesByRevision(kv, kv)).toEqual(WRITES_BY_REVISION);
  });

  test('forgets a key once its last write is older than the TTL', async () => {
    let now = 0;
    const kv = new FakeKv({ ttlMs: TTL_MS, now: () => now });
    expect(await expiry(kv, kv, async () => void (now += TTL_MS))).toEqual(EXPIRY);
  });

  test('fails the next write as told, keeping it or not, and delays one', async () => {
    const kv = new FakeKv();
    kv.failNextWrite();
    await expect(kv.put('a', 'lost')).rejects.toMatchObject({ code: 'TIMEOUT', message: 'TIMEOUT' });
    kv.failNextWrite({ stored: true });
    await expect(kv.put('a', 'kept')).rejects.toMatchObject({ code: 'TIMEOUT' });
    expect(await entryOf(kv, 'a')).toEqual({ operation: 'PUT', revision: 1, value: 'kept' });
    kv.delayNextWrite(20);
    const late = kv.update('a', 'late', 1);
    expect(await kv.update('a', 'first', 1)).toBe(2);
    await expect(late).rejects.toMatchObject(wrongLastSequence(2));
  });
});

describe('a bucket of a real nats-server, for comparison', () => {
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

  /** The bucket, and the server's answers to what process asks a bucket's leader (one server: the leader). */
  const bucket = async (name: string, ttl?: number): Promise<[KV, LeaderReads]> => {
    const jsm = await nc.jetstreamManager();
    const kv = await nc.jetstream().views.kv(name, { history: 1, ttl });
    const subjects = async (filter: string) =>
      (await jsm.streams.info(`KV_${name}`, { subjects_filter: `$KV.${name}.${filter}` })).state.subjects ?? {};
    return [
      kv,
      {
        latestRevision: async (key) => (await kv.get(key))?.revision,
        countKeys: async (filter) => Object.keys(await subjects(filter)).length,
      },
    ];
  };

  test('writes by revision and reads the leader', async () => {
    expect(await writesByRevision(...(await bucket('revisions')))).toEqual(WRITES_BY_REVISION);
  });

  test('forgets a key once its last write is older than the TTL', async () => {
    const [kv, leader] = await bucket('expiring', TTL_MS);
    const expire = () =>
      eventually(async () => expect(await leader.countKeys('>')).toBe(0), 10_000).then(() => undefined);
    expect(await expiry(kv, leader, expire)).toEqual(EXPIRY);
  });
});
