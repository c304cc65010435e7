import { FakeKv } from '@tradeflow/testing';
import { PartitionLeases, type Rebalance } from './partition-leases';

// Instances 'a', 'b' and 'c' over 8 partitions: each starts looking at partition (sum of its id's
// char codes) % 8, that is 1, 2 and 3. Rounds come every ROUND_MS on the test's clock, well within
// the leases bucket's TTL, as LEASE_RENEW_MS is within LEASE_TTL_SECONDS.
const PARTITIONS = 8;
const TTL_MS = 2000;
const ROUND_MS = 500;
const ALL = [0, 1, 2, 3, 4, 5, 6, 7];

let now: number;
let kv: FakeKv;

beforeEach(() => {
  now = 0;
  kv = new FakeKv({ ttlMs: TTL_MS, now: () => now });
});

const instance = (id: string) => new PartitionLeases(kv, kv, id, PARTITIONS);

/** A lease round as the fold supervisor runs it: the surplus given back at once. */
async function round(leases: PartitionLeases): Promise<Rebalance> {
  const result = await leases.rebalance();
  for (const partition of result.surplus) await leases.release(partition);
  return result;
}

/** One round of each instance, one after the other, then the time to the next round. */
async function roundsInTurn(...instances: PartitionLeases[]): Promise<Rebalance[]> {
  const results: Rebalance[] = [];
  for (const leases of instances) results.push(await round(leases));
  now += ROUND_MS;
  return results;
}

/** One round of each instance at once, each started `stagger` microtask turns after the one before. */
async function roundsAtOnce(instances: PartitionLeases[], stagger: number): Promise<void> {
  const started: Promise<Rebalance>[] = [];
  for (const leases of instances) {
    started.push(round(leases));
    for (let turn = 0; turn < stagger; turn++) await Promise.resolve();
  }
  await Promise.all(started);
  now += ROUND_MS;
}

const sorted = (partitions: number[]) => [...partitions].sort((a, b) => a - b);

/** No partition held by two instances, and the lease in KV of each names the instance holding it. */
async function expectOneHolderEach(instances: Record<string, PartitionLeases>): Promise<void> {
  const held = Object.entries(instances).flatMap(([id, leases]) =>
    leases.ownedPartitions().map((partition) => ({ partition, id })),
  );
  expect(new Set(held.map(({ partition }) => partition)).size).toBe(held.length);
  for (const { partition, id } of held) {
    const lease = await kv.get(`partitions.${partition}`);
    expect({ partition, operation: lease?.operation, holder: lease?.string() }).toEqual({
      partition,
      operation: 'PUT',
      holder: id,
    });
  }
}

describe('PartitionLeases', () => {
  test.each([
    { ids: ['a'], shares: [8] },
    { ids: ['a', 'b'], shares: [4, 4] },
    { ids: ['a', 'b', 'c'], shares: [2, 3, 3] },
  ])('instances $ids starting together share the 8 partitions as $shares, and keep them', async ({ ids, shares }) => {
    const instances = Object.fromEntries(ids.map((id) => [id, instance(id)]));
    for (let step = 0; step < 4; step++) await roundsAtOnce(Object.values(instances), 0);

    const held = Object.values(instances).map((leases) => leases.ownedPartitions());
    expect(held.map((partitions) => partitions.length).sort()).toEqual(shares);
    expect(sorted(held.flat())).toEqual(ALL);
    await expectOneHolderEach(instances);
    const settled = { gained: [], lost: [], surplus: [] };
    expect(await roundsInTurn(...Object.values(instances))).toEqual(ids.map(() => settled));
  });

  test('an instance holding more than its share hands the surplus back, and the newcomer takes it', async () => {
    const [a, b] = [instance('a'), instance('b')];
    expect(await roundsInTurn(a)).toEqual([{ gained: [1, 2, 3, 4, 5, 6, 7, 0], lost: [], surplus: [] }]);

    expect(await roundsInTurn(b, a)).toEqual([
      { gained: [], lost: [], surplus: [] },
      { gained: [], lost: [], surplus: [5, 6, 7, 0] },
    ]);
    expect(a.ownedPartitions()).toEqual([1, 2, 3, 4]);
    for (const partition of [5, 6, 7, 0]) expect((await kv.get(`partitions.${partition}`))?.operation).toBe('DEL');

    expect(await roundsInTurn(b, a)).toEqual([
      { gained: [5, 6, 7, 0], lost: [], surplus: [] },
      { gained: [], lost: [], surplus: [] },
    ]);
    await expectOneHolderEach({ a, b });
  });

  test('the leases of an instance that stopped renewing are taken over once the TTL ends them', async () => {
    const [a, b] = [instance('a'), instance('b')];
    for (let step = 0; step < 3; step++) await roundsInTurn(a, b);
    expect([a.ownedPartitions(), b.ownedPartitions()]).toEqual([
      [1, 2, 3, 4],
      [5, 6, 7, 0],
    ]);

    // b wrote last in the previous round, ROUND_MS ago, and writes no more: its leases end TTL_MS after.
    const gains: number[][] = [];
    while (gains.at(-1)?.length !== 4) gains.push((await roundsInTurn(a))[0].gained);
    expect(gains).toEqual([[], [], [], [5, 6, 7, 0]]);
    expect(a.ownedPartitions()).toEqual([1, 2, 3, 4, 5, 6, 7, 0]);
    await expectOneHolderEach({ a });
  });

  test('an instance too slow to renew loses its leases to another, learns so at its next round, then gets its share back', async () => {
    const [a, b] = [instance('a'), instance('b')];
    for (let step = 0; step < 3; step++) await roundsInTurn(a, b);

    for (let step = 0; step < 4; step++) await roundsInTurn(b);
    expect(b.ownedPartitions()).toEqual([5, 6, 7, 0, 2, 3, 4, 1]);

    expect(await roundsInTurn(a, b)).toEqual([
      { gained: [], lost: [1, 2, 3, 4], surplus: [] },
      { gained: [], lost: [], surplus: [2, 3, 4, 1] },
    ]);
    await expectOneHolderEach({ a, b });
    expect(await roundsInTurn(a)).toEqual([{ gained: [1, 2, 3, 4], lost: [], surplus: [] }]);
    await expectOneHolderEach({ a, b });
  });

  test('a lease whose write timed out once stored is held by nobody until the TTL ends it, then taken', async () => {
    const a = instance('a');
    kv.interceptNextWrite(async (write) => write()); // the instance's announcement goes through
    kv.failNextWrite({ stored: true }); // its first lease, on partition 1
    const gains: number[][] = [];
    while (gains.at(-1)?.[0] !== 1) gains.push((await roundsInTurn(a))[0].gained);

    expect(gains).toEqual([[2, 3, 4, 5, 6, 7, 0], [], [], [], [1]]);
    await expectOneHolderEach({ a });
  });

  test('a lease whose write another write overtook (a cluster accepting both by one revision) is not held', async () => {
    const a = instance('a');
    kv.interceptNextWrite(async (write) => write()); // the instance's announcement goes through
    kv.interceptNextWrite(async (write) => {
      const revision = write();
      await kv.put('partitions.1', 'b'); // as nats-server#4320 lets b's write by the same revision land after
      return revision;
    });

    expect(await roundsInTurn(a)).toEqual([{ gained: [2, 3, 4, 5, 6, 7, 0], lost: [], surplus: [] }]);
    expect((await kv.get('partitions.1'))?.string()).toBe('b');
    await expectOneHolderEach({ a });
  });

  test('a lease is held by one instance at most after every round, whatever the order of concurrent rounds', async () => {
    for (const order of ['abc', 'acb', 'bac', 'bca', 'cab', 'cba']) {
      for (const stagger of [0, 1, 2, 4, 8, 16]) {
        now = 0;
        kv = new FakeKv({ ttlMs: TTL_MS, now: () => now });
        // a and b start together and c joins; b misses rounds for longer than the TTL, then goes on
        // with what it believes it holds; a stops for good, and a new a starts later.
        const b = instance('b');
        const running: Record<string, PartitionLeases> = { a: instance('a'), b };
        for (let step = 0; step < 16; step++) {
          if (step === 2) running.c = instance('c');
          if (step === 4) delete running.b;
          if (step === 9) running.b = b;
          if (step === 11) delete running.a;
          if (step === 13) running.a = instance('a');
          const inOrder = [...order].filter((id) => id in running).map((id) => running[id]);
          await roundsAtOnce(inOrder, stagger);
          await expectOneHolderEach(running);
        }
        expect(sorted(Object.values(running).flatMap((leases) => leases.ownedPartitions()))).toEqual(ALL);
      }
    }
  });
});
