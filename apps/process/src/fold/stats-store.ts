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
  private readonly lookup = (key: string): unknown => this.entries.get(key)?.value;

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
    const figures = foldBatch(this.lookup, partition, trades);
    const total = new Map([...figures].filter(([key]) => key === STATS_KEYS.total));
    figures.delete(STATS_KEYS.total);
    await this.writeAll(partition, trades, figures);
    const written = await this.writeAll(partition, trades, total);
    return written.get(STATS_KEYS.total) as TotalValue;
  }

  /**
   * Writes folded values, each by the revision it was folded from. A key another writer changed
   * first is read again and the batch folded into its fresh value, until every key is written.
   */
  private async writeAll(
    partition: number,
    trades: SequencedTrade[],
    folded: Map<string, unknown>,
  ): Promise<Map<string, unknown>> {
    const written = new Map<string, unknown>();
    for (let pending = [...folded]; pending.length > 0; ) {
      const accepted = await Promise.all(pending.map(([key, value]) => this.put(key, value)));
      pending.forEach(([key, value], index) => accepted[index] && written.set(key, value));
      const conflicts = new Set(pending.filter((_, index) => !accepted[index]).map(([key]) => key));
      if (conflicts.size === 0) break;
      await Promise.all([...conflicts].map((key) => this.reload(key)));
      pending = [...foldBatch(this.lookup, partition, trades)].filter(([key]) => conflicts.has(key));
    }
    return written;
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
