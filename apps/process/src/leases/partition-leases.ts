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

/**
 * Shares the partitions among the live process instances with renewable leases in a KV bucket
 * whose TTL ends a silent owner's leases. Each instance announces itself (`instances.<id>`), holds
 * at most its share (partitions / live instances, rounded up), and takes free partitions up to it.
 * A lease only avoids wasted work: the fold's writes by KV revision are what keep counts exact
 * when two instances briefly fold the same partition.
 */
export class PartitionLeases {
  /** Owned partitions and the revision of their lease entry. */
  private readonly owned = new Map<number, number>();
  private readonly encoder = new TextEncoder();

  constructor(
    private readonly kv: KV,
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
    if (revision !== undefined) await this.kv.delete(partitionKey(partition), { previousSeq: revision }).catch(() => undefined);
  }

  async releaseAll(): Promise<void> {
    await Promise.all(this.ownedPartitions().map((partition) => this.release(partition)));
    await this.kv.delete(instanceKey(this.instance)).catch(() => undefined);
  }

  private async renew(): Promise<number[]> {
    const lost: number[] = [];
    for (const [partition, revision] of this.owned) {
      try {
        this.owned.set(partition, await this.kv.update(partitionKey(partition), this.encoder.encode(this.instance), revision));
      } catch {
        // Taken over after our lease expired, or KV unreachable, in which case it soon expires.
        this.owned.delete(partition);
        lost.push(partition);
      }
    }
    return lost;
  }

  private async liveInstances(): Promise<number> {
    let count = 0;
    for await (const key of await this.kv.keys(instanceKey('*'))) count += key ? 1 : 0;
    return Math.max(count, 1);
  }

  /** Tries free partitions, starting at a place of its own so instances starting together spread out. */
  private async acquire(wanted: number): Promise<number[]> {
    const gained: number[] = [];
    const offset = [...this.instance].reduce((sum, char) => sum + char.charCodeAt(0), 0);
    for (let i = 0; i < this.partitions && gained.length < wanted; i++) {
      const partition = (offset + i) % this.partitions;
      if (this.owned.has(partition)) continue;
      try {
        this.owned.set(partition, await this.kv.create(partitionKey(partition), this.encoder.encode(this.instance)));
        gained.push(partition);
      } catch {
        // Another instance holds it.
      }
    }
    return gained;
  }
}
