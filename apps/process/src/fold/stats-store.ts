import { decodeJson, describeNatsError, encodeJson } from '@tradeflow/nats';
import { foldBatch, type SequencedTrade, STATS_KEYS, type TotalValue } from '@tradeflow/stats';
import type { KV } from 'nats';

interface Entry {
  value: unknown;
  revision: number;
}

const isWrongRevision = (error: unknown) => /wrong last sequence/i.test(describeNatsError(error));

/**
 * The KV bucket `stats` as this instance knows it, and the only writer of it. Every write names
 * the revision it was computed from (optimistic concurrency): when another writer got there
 * first, the write fails, the key is read again and the batch folded into the fresh value, where
 * each partition's lastSeq skips whatever that value already counts.
 */
export class StatsStore {
  private readonly entries = new Map<string, Entry>();
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(private readonly kv: KV) {}

  static async open(kv: KV): Promise<StatsStore> {
    const store = new StatsStore(kv);
    // All keys first: nats.js drops the rest of a key listing that waits on other requests.
    const keys: string[] = [];
    for await (const key of await kv.keys()) keys.push(key);
    await Promise.all(keys.map((key) => store.reload(key)));
    return store;
  }

  /** The last TRANSACTIONS sequence folded for a partition, read afresh from KV. */
  async checkpoint(partition: number): Promise<number> {
    await this.reload(STATS_KEYS.total);
    return this.total()?.partitions[partition]?.lastSeq ?? 0;
  }

  /**
   * Folds a batch of one partition's trades. The figures are written first and `total` last, as
   * `total` holds the checkpoint: after a crash in between, the batch is folded again and the
   * figures already written skip it. Batches are written one at a time within this instance.
   */
  fold(partition: number, trades: SequencedTrade[]): Promise<TotalValue> {
    const next = this.queue.then(() => this.write(partition, trades));
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async write(partition: number, trades: SequencedTrade[]): Promise<TotalValue> {
    await this.writeAll(partition, trades, (key) => key !== STATS_KEYS.total);
    const written = await this.writeAll(partition, trades, (key) => key === STATS_KEYS.total);
    return written.get(STATS_KEYS.total) as TotalValue;
  }

  /** Folds the batch into the keys `chosen` selects and writes them, again for those that conflict. */
  private async writeAll(
    partition: number,
    trades: SequencedTrade[],
    chosen: (key: string) => boolean,
  ): Promise<Map<string, unknown>> {
    const written = new Map<string, unknown>();
    for (let wanted = chosen; ; ) {
      const pending = [...foldBatch((key) => this.entries.get(key)?.value, partition, trades)].filter(([key]) =>
        wanted(key),
      );
      const accepted = await Promise.all(pending.map(([key, value]) => this.put(key, value)));
      pending.forEach(([key, value], index) => accepted[index] && written.set(key, value));
      const conflicts = pending.filter((_, index) => !accepted[index]).map(([key]) => key);
      if (conflicts.length === 0) return written;
      await Promise.all(conflicts.map((key) => this.reload(key)));
      wanted = (key) => conflicts.includes(key);
    }
  }

  private total(): TotalValue | undefined {
    return this.entries.get(STATS_KEYS.total)?.value as TotalValue | undefined;
  }

  /** Writes by revision; false when another writer changed the key first. */
  private async put(key: string, value: unknown): Promise<boolean> {
    const revision = this.entries.get(key)?.revision ?? 0;
    try {
      const data = encodeJson(value);
      const written = revision ? await this.kv.update(key, data, revision) : await this.kv.create(key, data);
      this.entries.set(key, { value, revision: written });
      return true;
    } catch (error) {
      if (isWrongRevision(error)) return false;
      throw error;
    }
  }

  private async reload(key: string): Promise<void> {
    const entry = await this.kv.get(key);
    if (entry && entry.operation === 'PUT') {
      this.entries.set(key, { value: decodeJson(entry.value), revision: entry.revision });
    } else {
      this.entries.delete(key);
    }
  }
}
