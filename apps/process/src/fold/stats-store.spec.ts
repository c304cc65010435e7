import { EXAMPLE_TRADE, type Flag } from '@tradeflow/contract';
import {
  DEFAULT_DETECTOR_SETTINGS,
  type DetectorSettings,
  type PartitionStats,
  partitionStatsKey,
  type SequencedMessage,
} from '@tradeflow/fold';
import { FakeKv } from '@tradeflow/testing';
import { Registry } from 'prom-client';
import { ProcessMetrics } from '../metrics/process.metrics';
import { CheckpointMoved, type FlagRaising, type FoldBatch, StatsStore } from './stats-store';

const T0 = Date.UTC(2026, 10, 25, 10, 27, 44);

const trade = (seq: number): SequencedMessage => ({
  seq,
  trade: {
    ...EXAMPLE_TRADE,
    id: `trade-${seq}`,
    timePlacedIso: '2018-01-24T10:27:44.000Z',
    receivedAt: '2026-11-25T10:27:44.000Z',
  },
});
const setAside = (seq: number): SequencedMessage => ({ seq, quarantined: 'not JSON: Unexpected token' });
const trades = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, index) => trade(from + index));

/** When each partition's batch was sealed, that is when its write started, in the order they were. */
let sealed: Array<[partition: number, at: number]>;

/** The registry of the stores' metrics, new for each test. */
let registry: Registry;
let metrics: ProcessMetrics;

beforeEach(() => {
  sealed = [];
  registry = new Registry();
  metrics = new ProcessMetrics(registry);
});
afterEach(() => jest.useRealTimers());

/** Flags as the store publishes them: the ids of each publish, by partition. */
class PublishedFlags implements FlagRaising {
  readonly published: Array<{ partition: number; ids: string[] }> = [];
  private failures = 0;

  constructor(readonly settings: DetectorSettings = DEFAULT_DETECTOR_SETTINGS) {}

  /** The next publish is not acknowledged. */
  failNext(): void {
    this.failures++;
  }

  async publish(partition: number, flags: readonly Flag[]): Promise<void> {
    if (this.failures > 0) {
      this.failures--;
      throw new Error('no acknowledgement from JetStream within 5000 ms');
    }
    this.published.push({ partition, ids: flags.map((flag) => flag.id) });
  }
}

const storeOn = (kv: FakeKv, writeIntervalMs = 0, flags = new PublishedFlags()) =>
  new StatsStore(kv, writeIntervalMs, metrics, flags);

/** A metric's value, or a histogram's count of observations. */
async function metric(name: string): Promise<number> {
  const { values } = await registry.getSingleMetric(name)!.get();
  const count = values.find((value) => (value as { metricName?: string }).metricName === `${name}_count`);
  return (count ?? values[0]).value;
}

const batch = (partition: number, previousSeq: number, messages: SequencedMessage[], behind = false): FoldBatch => ({
  partition,
  previousSeq,
  behind,
  seal: async () => {
    sealed.push([partition, Date.now()]);
    return messages;
  },
});

/** The figures that show a count: every trade here is EUR-GBP from FR. */
const figures = ({ lastSeq, total, quarantined, pairs }: PartitionStats) => ({
  lastSeq,
  total,
  quarantined,
  pairCount: pairs['EUR-GBP']?.count ?? 0,
});

/** The partition's value in KV: its revision and figures. */
async function stored(kv: FakeKv, partition: number) {
  const entry = await kv.get(partitionStatsKey(partition));
  return entry && { revision: entry.revision, operation: entry.operation, ...figures(entry.json<PartitionStats>()) };
}

/** The figures of a partition whose messages up to lastSeq are `total` trades and `quarantined` set aside. */
const counted = (lastSeq: number, total: number, quarantined = 0) => ({
  lastSeq,
  total,
  quarantined,
  pairCount: total,
});

/** A partition's value in KV, as `stored` shows it. */
const value = (revision: number, lastSeq: number, total: number, quarantined = 0) => ({
  revision,
  operation: 'PUT',
  ...counted(lastSeq, total, quarantined),
});

/** A value written by someone else, as `nats kv put` or a lost update on a cluster writes it: blindly. */
const putBlindly = async (kv: FakeKv, partition: number, stats: PartitionStats) =>
  kv.put(partitionStatsKey(partition), JSON.stringify(stats));

describe('StatsStore', () => {
  test("creates a partition's value, then writes each batch onto the value it continues, by revision", async () => {
    const kv = new FakeKv();
    const store = storeOn(kv);

    expect(figures(await store.fold(batch(0, 0, trades(1, 2))))).toEqual(counted(2, 2));
    expect(await stored(kv, 0)).toEqual(value(1, 2, 2));
    const next = await store.fold(batch(0, 2, [setAside(3), ...trades(5, 6)]));
    expect(figures(next)).toEqual(counted(6, 4, 1));
    expect(await stored(kv, 0)).toEqual(value(2, 6, 4, 1));
    expect((await kv.get(partitionStatsKey(0)))?.json()).toEqual(next);
    expect(await store.checkpoint(0)).toBe(6);
    expect(await metric('tradeflow_fold_trades_total')).toBe(4);
    expect(await metric('tradeflow_trades_quarantined_total')).toBe(1);
    expect(await metric('tradeflow_fold_batch_size')).toBe(2);
    expect(await metric('tradeflow_kv_write_duration_seconds')).toBe(2);
  });

  describe('group commit', () => {
    test('batches that come within the write interval wait, and are written together when it ends', async () => {
      jest.useFakeTimers({ now: T0 });
      const kv = new FakeKv();
      const store = storeOn(kv, 100);

      await store.fold(batch(0, 0, trades(1, 1)));
      await jest.advanceTimersByTimeAsync(10);
      const waiting = [store.fold(batch(1, 0, trades(2, 3))), store.fold(batch(2, 0, trades(4, 4)))];
      await jest.advanceTimersByTimeAsync(89);
      expect(sealed).toEqual([[0, T0]]);
      expect(await stored(kv, 1)).toBeNull();

      await jest.advanceTimersByTimeAsync(1);
      expect((await Promise.all(waiting)).map(figures)).toEqual([counted(3, 2), counted(4, 1)]);
      expect(sealed).toEqual([
        [0, T0],
        [1, T0 + 100],
        [2, T0 + 100],
      ]);
      expect([await stored(kv, 1), await stored(kv, 2)]).toEqual([value(2, 3, 2), value(3, 4, 1)]);
    });

    test('a batch of a partition that is behind is written at once, within the interval', async () => {
      jest.useFakeTimers({ now: T0 });
      const store = storeOn(new FakeKv(), 100);

      await store.fold(batch(0, 0, trades(1, 1)));
      await jest.advanceTimersByTimeAsync(10);
      await store.fold(batch(1, 0, trades(2, 2), true));
      expect(sealed).toEqual([
        [0, T0],
        [1, T0 + 10],
      ]);
    });

    test('batches that come while a write is under way are written together once it is done', async () => {
      jest.useFakeTimers({ now: T0 });
      const kv = new FakeKv();
      const store = storeOn(kv);

      kv.delayNextWrite(50);
      const first = store.fold(batch(0, 0, trades(1, 1)));
      await jest.advanceTimersByTimeAsync(10);
      const waiting = [store.fold(batch(1, 0, trades(2, 2))), store.fold(batch(2, 0, trades(3, 3)))];
      await jest.advanceTimersByTimeAsync(39);
      expect(sealed).toEqual([[0, T0]]);

      await jest.advanceTimersByTimeAsync(1);
      await Promise.all([first, ...waiting]);
      expect(sealed).toEqual([
        [0, T0],
        [1, T0 + 50],
        [2, T0 + 50],
      ]);
      expect([await stored(kv, 0), await stored(kv, 1), await stored(kv, 2)]).toEqual([
        value(1, 1, 1),
        value(2, 2, 1),
        value(3, 3, 1),
      ]);
    });
  });

  describe('another writer', () => {
    test("an older value written over the partition's: the batch is refused, and the fold goes on from that value", async () => {
      const kv = new FakeKv();
      const store = storeOn(kv);
      const older = await store.fold(batch(0, 0, trades(1, 2)));
      await store.fold(batch(0, 2, trades(3, 4)));
      expect(store.overwritten(0, 2)).toBe(false);

      await putBlindly(kv, 0, older);
      expect(store.overwritten(0, 3)).toBe(true);
      const refused = store.fold(batch(0, 4, trades(5, 5)));
      await expect(refused).rejects.toThrow(CheckpointMoved);
      await expect(refused).rejects.toThrow("partition 0's checkpoint in KV is 2, not 4 where the batch starts");
      expect(await stored(kv, 0)).toEqual(value(3, 2, 2));

      expect(await store.checkpoint(0)).toBe(2);
      expect(figures(await store.fold(batch(0, 2, trades(3, 5))))).toEqual(counted(5, 5));
      expect(await stored(kv, 0)).toEqual(value(4, 5, 5));
    });

    test('the value written again as it was (a new revision, the same checkpoint): the batch is folded onto it', async () => {
      const kv = new FakeKv();
      const store = storeOn(kv);
      const current = await store.fold(batch(0, 0, trades(1, 2)));
      await putBlindly(kv, 0, current);

      expect(figures(await store.fold(batch(0, 2, trades(3, 3))))).toEqual(counted(3, 3));
      expect(await stored(kv, 0)).toEqual(value(3, 3, 3));
      expect(store.overwritten(0, 3)).toBe(false);
    });

    test('the value deleted: the batch is refused, and the fold starts again from 0, written onto the delete', async () => {
      const kv = new FakeKv();
      const store = storeOn(kv);
      await store.fold(batch(0, 0, trades(1, 2)));
      await kv.delete(partitionStatsKey(0));

      await expect(store.fold(batch(0, 2, trades(3, 3)))).rejects.toThrow(
        "partition 0's checkpoint in KV is 0, not 2 where the batch starts",
      );
      expect(await store.checkpoint(0)).toBe(0);
      expect(figures(await store.fold(batch(0, 0, trades(1, 3))))).toEqual(counted(3, 3));
      expect(await stored(kv, 0)).toEqual(value(3, 3, 3));
    });

    test('a write by a stale revision never lands: the instance that folded first keeps its value', async () => {
      const kv = new FakeKv();
      const [first, late] = [storeOn(kv), storeOn(kv)];
      await first.fold(batch(0, 0, trades(1, 2)));
      expect(await late.checkpoint(0)).toBe(2);

      // The late instance's write, by revision 1, reaches the bucket only after the first one's.
      kv.delayNextWrite(20);
      const refused = late.fold(batch(0, 2, trades(3, 3)));
      await new Promise((resolve) => setImmediate(resolve));
      expect(figures(await first.fold(batch(0, 2, trades(3, 4))))).toEqual(counted(4, 4));

      await expect(refused).rejects.toThrow("partition 0's checkpoint in KV is 4, not 2 where the batch starts");
      expect(await stored(kv, 0)).toEqual(value(2, 4, 4));
      expect([first.overwritten(0, 2), late.overwritten(0, 2)]).toEqual([false, false]);
      expect(await metric('tradeflow_kv_revision_conflicts_total')).toBe(1);
      expect(await metric('tradeflow_fold_trades_total')).toBe(4);
    });
  });

  describe('a write that times out', () => {
    test('not stored: the fold is told, and the batch written again onto the value read afresh', async () => {
      const kv = new FakeKv();
      const store = storeOn(kv);
      await store.fold(batch(0, 0, trades(1, 2)));

      kv.failNextWrite();
      await expect(store.fold(batch(0, 2, trades(3, 4)))).rejects.toMatchObject({ code: 'TIMEOUT' });
      expect(await stored(kv, 0)).toEqual(value(1, 2, 2));

      expect(figures(await store.fold(batch(0, 2, trades(3, 4))))).toEqual(counted(4, 4));
      expect(await stored(kv, 0)).toEqual(value(2, 4, 4));
    });

    test('stored all the same: the batch again is refused, and the fold goes on from the stored value, counting it once', async () => {
      const kv = new FakeKv();
      const store = storeOn(kv);
      await store.fold(batch(0, 0, trades(1, 2)));

      kv.failNextWrite({ stored: true });
      await expect(store.fold(batch(0, 2, trades(3, 4)))).rejects.toMatchObject({ code: 'TIMEOUT' });
      expect(await stored(kv, 0)).toEqual(value(2, 4, 4));

      await expect(store.fold(batch(0, 2, trades(3, 4)))).rejects.toThrow(
        "partition 0's checkpoint in KV is 4, not 2 where the batch starts",
      );
      expect(await store.checkpoint(0)).toBe(4);
      expect(figures(await store.fold(batch(0, 4, trades(5, 5))))).toEqual(counted(5, 5));
      expect(await stored(kv, 0)).toEqual(value(3, 5, 5));
    });
  });

  describe('flags', () => {
    /** A user's second trade within a minute is flagged: every trade here is one user's, received at one instant. */
    const EVERY_SECOND_TRADE: DetectorSettings = {
      ...DEFAULT_DETECTOR_SETTINGS,
      velocity: { windowMs: 60_000, maxTrades: 1, maxSold: {} },
    };

    test('are stored before the write that commits their batch', async () => {
      const kv = new FakeKv();
      const flags = new PublishedFlags(EVERY_SECOND_TRADE);
      const publish = flags.publish.bind(flags);
      const valueWhenPublished: unknown[] = [];
      flags.publish = async (partition, raised) => {
        valueWhenPublished.push(await stored(kv, partition));
        return publish(partition, raised);
      };
      const store = storeOn(kv, 0, flags);

      await store.fold(batch(0, 0, trades(1, 3)));
      expect(flags.published).toEqual([{ partition: 0, ids: ['velocity:trade-2'] }]);
      expect(valueWhenPublished).toEqual([null]);
      expect(await stored(kv, 0)).toEqual(value(1, 3, 3));
    });

    test('not all stored, the batch is not written; folded again, it raises the same flags under the same ids', async () => {
      const kv = new FakeKv();
      const flags = new PublishedFlags(EVERY_SECOND_TRADE);
      const store = storeOn(kv, 0, flags);

      flags.failNext();
      await expect(store.fold(batch(0, 0, trades(1, 2)))).rejects.toThrow('no acknowledgement');
      expect(await stored(kv, 0)).toBeNull();

      await store.fold(batch(0, 0, trades(1, 2)));
      expect(flags.published).toEqual([{ partition: 0, ids: ['velocity:trade-2'] }]);
      expect(await stored(kv, 0)).toEqual(value(1, 2, 2));
    });

    test('a write refused for another revision of the same value: the batch, folded onto it again, raises the same ids', async () => {
      const kv = new FakeKv();
      const flags = new PublishedFlags(EVERY_SECOND_TRADE);
      const store = storeOn(kv, 0, flags);
      await putBlindly(kv, 0, await store.fold(batch(0, 0, trades(1, 1))));

      await store.fold(batch(0, 1, trades(2, 2)));
      expect(flags.published).toEqual([
        { partition: 0, ids: [] },
        { partition: 0, ids: ['velocity:trade-2'] },
        { partition: 0, ids: ['velocity:trade-2'] },
      ]);
      expect(await stored(kv, 0)).toEqual(value(3, 2, 2));
    });
  });
});
