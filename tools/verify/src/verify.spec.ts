import { EXAMPLE_TRADE, type Flag, type Trade, type VelocityFlag } from '@tradeflow/contract';
import { decodeJson, encodeJson } from '@tradeflow/nats';
import {
  DEFAULT_DETECTOR_SETTINGS,
  type DetectorSettings,
  foldBatch,
  NO_STATS,
  type PartitionStats,
  partitionStatsKey,
  type SequencedTrade,
} from '@tradeflow/fold';
import { freePort, startNatsServer, type NatsServerHandle } from '@tradeflow/testing';
import {
  acceptedSubject,
  BUCKETS,
  flagSubject,
  flagsStream,
  partitionOf,
  STREAMS,
  SUBJECTS,
} from '@tradeflow/topology';
import { connect, type KV, type NatsConnection } from 'nats';
import { verify } from './verify';

// verify against a real nats-server: trades in TRANSACTIONS, their figures in the KV bucket stats,
// the flags they raise in FLAGS.
const PARTITIONS = 4;
let server: NatsServerHandle;
let nc: NatsConnection;
let kv: KV;
/** What process would have written: the trades folded batch by batch, partition by partition. */
const folded = new Map<string, PartitionStats>();
/** The flags process would have published, with the partition that raised each. */
const raised: { partition: number; flag: Flag }[] = [];
/** A user's second trade within an hour is flagged: alice's and bob's. */
const SETTINGS: DetectorSettings = {
  ...DEFAULT_DETECTOR_SETTINGS,
  velocity: { windowMs: 3_600_000, maxTrades: 1, maxSold: {} },
};
const verifyHere = () => verify({ servers: server.url }, PARTITIONS, SETTINGS);
const FLAGS_LIMITS = { maxAgeSeconds: 0, maxBytes: 0, maxMessages: 0 };

const trade = (n: number, fields: Partial<Trade>): Trade => ({
  ...EXAMPLE_TRADE,
  id: `trade-${n}`,
  timePlacedIso: '2018-01-24T10:27:44.000Z',
  receivedAt: `2026-11-25T10:2${n}:44.000Z`,
  ...fields,
});

const TRADES = [
  trade(0, { userId: 'alice' }),
  trade(1, { userId: 'bob', currencyTo: 'USD', amountBuy: 1080.5, rate: 1.0805 }),
  trade(2, { userId: 'carol', originatingCountry: 'DE', amountSell: 0.1, amountBuy: 0.07471 }),
  trade(3, { userId: 'alice', amountSell: 0.2, amountBuy: 0.14942 }),
  trade(4, { userId: 'dave', originatingCountry: 'GB', rate: 0.75, amountBuy: 750 }),
  trade(5, { userId: 'bob', originatingCountry: 'DE' }),
];

/** Publishes a flag as process does: on its kind's and partition's subject, under its id. */
const publishFlag = (partition: number, flag: Flag, msgID = flag.id) =>
  nc.jetstream().publish(flagSubject(flag.kind, partition), encodeJson(flag), { msgID });

async function writeFolded(): Promise<void> {
  const keys: string[] = [];
  for await (const key of await kv.keys()) keys.push(key);
  for (const key of keys) await kv.delete(key);
  for (const [key, value] of folded) await kv.put(key, encodeJson(value));
  const jsm = await nc.jetstreamManager();
  await jsm.streams.delete(STREAMS.flags).catch(() => undefined);
  await jsm.streams.add(flagsStream(FLAGS_LIMITS, 600, 1));
  for (const { partition, flag } of raised) await publishFlag(partition, flag);
}

beforeAll(async () => {
  server = await startNatsServer();
  nc = await connect({ servers: server.url });
  const jsm = await nc.jetstreamManager();
  await jsm.streams.add({ name: STREAMS.transactions, subjects: [SUBJECTS.accepted] });
  kv = await nc.jetstream().views.kv(BUCKETS.stats, { history: 1 });

  const byPartition = new Map<number, SequencedTrade[]>();
  for (const stored of TRADES) {
    const partition = partitionOf(stored.userId, PARTITIONS);
    const { seq } = await nc.jetstream().publish(acceptedSubject(partition), encodeJson(stored));
    byPartition.set(partition, [...(byPartition.get(partition) ?? []), { seq, trade: stored }]);
  }
  expect(byPartition.size).toBeGreaterThan(1);
  for (const [partition, trades] of byPartition) {
    const key = partitionStatsKey(partition);
    // In two batches, the second overlapping the first, as after a redelivery.
    for (const batch of [trades.slice(0, 1), trades]) {
      const { stats, flags } = foldBatch(folded.get(key) ?? NO_STATS, batch, SETTINGS);
      folded.set(key, stats);
      raised.push(...flags.map((flag) => ({ partition, flag })));
    }
  }
  expect(raised.map(({ flag }) => flag.trade.userId).sort()).toEqual(['alice', 'bob']);
});

beforeEach(writeFolded);

afterAll(async () => {
  await nc?.close();
  await server?.dispose();
});

test('passes when KV holds exactly the figures the stream folds into', async () => {
  const report = await verifyHere();
  expect(report).toEqual({
    trades: TRADES.length,
    quarantined: {},
    outside: 0,
    keys: folded.size,
    differences: [],
    flags: { expected: { 'off-market': 0, velocity: 2 }, agedOut: 0, differences: [], doubled: [] },
  });
  // bob's trades are on partition 0, carol's on 2, alice's and dave's on 3.
  expect([...folded.keys()].sort()).toEqual(['partitions.0', 'partitions.2', 'partitions.3']);
});

test("reports each tampered figure of a partition's value by key and path", async () => {
  const key = 'partitions.3';
  const stored = decodeJson<PartitionStats>((await kv.get(key))!.value);
  const expected = folded.get(key)!;
  stored.total += 1;
  stored.pairs['EUR-GBP'].count += 1;
  stored.countries.FR.sold.EUR = '1000';
  await kv.put(key, encodeJson(stored));

  const report = await verifyHere();
  expect(report.differences).toEqual([
    { key, path: 'total', expected: expected.total, actual: expected.total + 1 },
    {
      key,
      path: 'pairs.EUR-GBP.count',
      expected: expected.pairs['EUR-GBP'].count,
      actual: expected.pairs['EUR-GBP'].count + 1,
    },
    { key, path: 'countries.FR.sold.EUR', expected: expected.countries.FR.sold.EUR, actual: '1000' },
  ]);
});

test("reports a key missing from KV and keys the stream does not account for, a former layout's too", async () => {
  await kv.delete('partitions.2');
  const stray = { lastSeq: 1, total: 1, quarantined: 0, pairs: {}, countries: {} };
  await kv.put('partitions.1', encodeJson(stray));
  await kv.put('total', encodeJson({ total: 6 }));
  const report = await verifyHere();
  expect(report.differences).toEqual([
    { key: 'partitions.1', path: '', expected: undefined, actual: stray },
    { key: 'partitions.2', path: '', expected: folded.get('partitions.2'), actual: undefined },
    { key: 'total', path: '', expected: undefined, actual: { total: 6 } },
  ]);
  expect(report.keys).toBe(folded.size + 2);
});

test('recounts messages that are no trade as the fold does: set aside, counted as quarantined, and says so', async () => {
  const js = nc.jetstream();
  const garbage = await js.publish(acceptedSubject(0), new TextEncoder().encode('not json at all'));
  // Carol's trade is partition 2's: forged on partition 0's subject.
  const forged = await js.publish(acceptedSubject(0), encodeJson(trade(7, { userId: 'carol' })));
  const outside = await js.publish('tx.accepted.x', encodeJson(trade(8, { userId: 'bob' })));
  try {
    const partitionZero = folded.get('partitions.0')!;
    const expected = { ...partitionZero, lastSeq: forged.seq, quarantined: 2 };
    let report = await verifyHere();
    expect(report).toMatchObject({ trades: TRADES.length, quarantined: { 0: 2 }, outside: 1 });
    expect(report.differences).toEqual([
      { key: 'partitions.0', path: 'lastSeq', expected: forged.seq, actual: partitionZero.lastSeq },
      { key: 'partitions.0', path: 'quarantined', expected: 2, actual: 0 },
    ]);
    // As process would have folded them: nothing differs.
    await kv.put('partitions.0', encodeJson(expected));
    report = await verifyHere();
    expect(report.differences).toEqual([]);
    expect(garbage.seq).toBeLessThan(forged.seq);
  } finally {
    const jsm = await nc.jetstreamManager();
    for (const { seq } of [garbage, forged, outside]) await jsm.streams.deleteMessage(STREAMS.transactions, seq);
  }
});

describe('the flags', () => {
  /** The flag a user's trades raised, with its partition. */
  const flagOf = (user: string) => raised.find(({ flag }) => flag.trade.userId === user)!;

  test('a flag deleted from FLAGS is missing, with what it should say', async () => {
    const bob = flagOf('bob');
    const jsm = await nc.jetstreamManager();
    const { seq } = await jsm.streams.getMessage(STREAMS.flags, {
      last_by_subj: flagSubject('velocity', bob.partition),
    });
    await jsm.streams.deleteMessage(STREAMS.flags, seq);
    const { flags } = await verifyHere();
    expect(flags.differences).toEqual([
      {
        key: bob.flag.id,
        path: '',
        expected: { subject: flagSubject('velocity', bob.partition), ...bob.flag },
        actual: undefined,
      },
    ]);
  });

  test('a flag published again by a fold that raised it again is stored once: all agree', async () => {
    const alice = flagOf('alice');
    await publishFlag(alice.partition, alice.flag);
    expect(agreeing(await verifyHere())).toBe(true);
  });

  test('a forged flag, one raised by no trade, and one stored twice are each named', async () => {
    const [alice, bob] = [flagOf('alice'), flagOf('bob')];
    const forged: VelocityFlag = { ...(alice.flag as VelocityFlag), trades: 99 };
    await publishFlag(alice.partition, forged, 'forged');
    const carol = { ...bob.flag, id: `velocity:${TRADES[2].id}`, trade: TRADES[2] };
    await publishFlag(2, carol);
    const { flags } = await verifyHere();
    expect(flags.differences).toEqual([
      { key: carol.id, path: '', expected: undefined, actual: { subject: flagSubject('velocity', 2), ...carol } },
      { key: alice.flag.id, path: 'trades', expected: 2, actual: 99 },
    ]);
    expect(flags.doubled).toEqual([{ id: alice.flag.id, times: 2 }]);
  });

  test('flags that FLAGS has let go by its limits are counted apart, not missing', async () => {
    const jsm = await nc.jetstreamManager();
    // Alice's was published first: with room for one message, only bob's stays.
    expect(raised.map(({ flag }) => flag.trade.userId)).toEqual(['alice', 'bob']);
    await jsm.streams.update(STREAMS.flags, flagsStream({ ...FLAGS_LIMITS, maxMessages: 1 }, 600, 1));
    const report = await verifyHere();
    expect(report.flags).toMatchObject({ agedOut: 1, differences: [], doubled: [] });
    expect(agreeing(report)).toBe(true);
  });
});

test('reports a trade stored but not folded', async () => {
  // Bob's: a trade of partition 0 (one of another user on that subject would be set aside).
  await nc.jetstream().publish(acceptedSubject(0), encodeJson(trade(6, { userId: 'bob' })));
  const report = await verifyHere();
  expect(report.trades).toBe(TRADES.length + 1);
  const partitionZero = folded.get('partitions.0')!;
  expect(report.differences).toContainEqual({
    key: 'partitions.0',
    path: 'total',
    expected: partitionZero.total + 1,
    actual: partitionZero.total,
  });
});

/** Whether a report finds nothing wrong. */
const agreeing = (report: Awaited<ReturnType<typeof verify>>) =>
  report.differences.length === 0 && report.flags.differences.length === 0 && report.flags.doubled.length === 0;

test('rejects when it cannot connect', async () => {
  await expect(verify({ servers: `nats://127.0.0.1:${await freePort()}` }, PARTITIONS)).rejects.toThrow();
});

test('rejects when there is no stats bucket, rather than creating one', async () => {
  const jsm = await nc.jetstreamManager();
  await jsm.streams.delete(`KV_${BUCKETS.stats}`);
  await expect(verify({ servers: server.url }, PARTITIONS)).rejects.toThrow(
    `KV bucket ${BUCKETS.stats}: stream not found`,
  );
  await expect(jsm.streams.info(`KV_${BUCKETS.stats}`)).rejects.toThrow();
});
