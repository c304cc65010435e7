import type { KV } from 'nats';

const partitionKey = (partition: number) => `partitions.${partition}`;
const instanceKey = (instance: string) => `instances.${instance}`;

export interface Rebalance {
  /** Partitions this instance now owns and should start folding. */
  gained: number[];
  /** Partitions another instance took (this one was too slow to renew): stop folding them. */
  lost: number[];
  /** Partitions beyond this instance's fair share: stop folding them, then `release` them. */
  surplus: number[];
}

/** What the leases bucket's leader answers, rather than a replica that may lag. */
export interface LeaderReads {
  /** The revision of a key's last write (undefined: never written). */
  latestRevision(key: string): Promise<number | undefined>;
  /** How many keys match a filter, deleted ones included until the TTL removes them. */
  countKeys(filter: string): Promise<number>;
}

/**
 * Shares the partitions among the live process instances with renewable leases in a KV bucket
 * whose TTL ends a silent owner's leases. Each instance announces itself (`instances.<id>`), holds
 * at most its share (partitions / live instances, rounded up), and takes free partitions up to it.
 * A lease only avoids wasted work: the fold writes a partition only onto the value it continues,
 * which keeps counts exact when two instances briefly fold the same partition.
 */
export class PartitionLeases {
  /** Owned partitions and the revision of their lease entry. */
  private readonly owned = new Map<number, number>();
  private readonly encoder = new TextEncoder();

  constructor(
    private readonly kv: Pick<KV, 'put' | 'create' | 'update' | 'delete'>,
    private readonly leader: LeaderReads,
    private readonly instance: string,
    private readonly partitions: number,
  ) {}

  ownedPartitions(): number[] {
    return [...this.owned.keys()];
  }

  async rebalance(): Promise<Rebalance> {
    await this.kv.put(instanceKey(this.instance), this.encoder.encode(new Date().toISOString()));
    const lost = await this.renew();
    const share = Math.ceil(this.partitions / (await this.liveInstances()));
    const surplus = this.ownedPartitions().slice(share);
    const gained = await this.acquire(share - this.owned.size);
    return { gained, lost, surplus };
  }

  /** Gives a partition back at once, so another instance need not wait for the TTL. */
  async release(partition: number): Promise<void> {
    const revision = this.owned.get(partition);
    this.owned.delete(partition);
    if (revision !== undefined)
      await this.kv.delete(partitionKey(partition), { previousSeq: revision }).catch(() => undefined);
  }

  async releaseAll(): Promise<void> {
    await Promise.all(this.ownedPartitions().map((partition) => this.release(partition)));
    await this.kv.delete(instanceKey(this.instance)).catch(() => undefined);
  }

  private async renew(): Promise<number[]> {
    const lost: number[] = [];
    for (const [partition, revision] of this.owned) {
      const renewed = await this.claim(partition, () =>
        this.kv.update(partitionKey(partition), this.encoder.encode(this.instance), revision),
      );
      // Taken over after our lease expired, or KV unreachable, in which case it soon expires.
      if (renewed === undefined) {
        this.owned.delete(partition);
        lost.push(partition);
      } else this.owned.set(partition, renewed);
    }
    return lost;
  }

  /**
   * Writes a lease by revision and returns the new one, or undefined when the lease is not ours:
   * the write was refused, or another instance's landed after it. nats-server 2.9 may accept two
   * concurrent writes by the same revision on a cluster (nats-server#4320), so the write is
   * confirmed with the bucket's leader: the last one standing owns the lease.
   */
  private async claim(partition: number, write: () => Promise<number>): Promise<number | undefined> {
    try {
      const revision = await write();
      return (await this.leader.latestRevision(partitionKey(partition))) === revision ? revision : undefined;
    } catch {
      return undefined;
    }
  }

  /** Instances announced within the TTL (one stopped with SIGTERM counts until then). */
  private async liveInstances(): Promise<number> {
    return Math.max(await this.leader.countKeys(instanceKey('*')), 1);
  }

  /** Tries free partitions, starting at a place of its own so instances starting together spread out. */
  private async acquire(wanted: number): Promise<number[]> {
    const gained: number[] = [];
    const offset = [...this.instance].reduce((sum, char) => sum + char.charCodeAt(0), 0);
    for (let i = 0; i < this.partitions && gained.length < wanted; i++) {
      const partition = (offset + i) % this.partitions;
      if (this.owned.has(partition)) continue;
      const revision = await this.claim(partition, () =>
        this.kv.create(partitionKey(partition), this.encoder.encode(this.instance)),
      );
      // Otherwise another instance holds it.
      if (revision === undefined) continue;
      this.owned.set(partition, revision);
      gained.push(partition);
    }
    return gained;
  }
}
