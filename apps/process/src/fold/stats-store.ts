import { decodeJson, describeNatsError, encodeJson } from '@tradeflow/nats';
import { foldBatch, type SequencedTrade, STATS_KEYS, type TotalValue } from '@tradeflow/stats';
import type { KV } from 'nats';

interface Entry {
  value: unknown;
  revision: number;
}

/** One partition's trades for the next write. */
export interface FoldBatch {
  partition: number;
  /** The stream holds a full batch or more of the partition beyond these trades. */
  behind: boolean;
  /**
   * Called once, as the write starts: the batch's trades, final from then on. Until then its
   * reader may add what arrived meanwhile, so a trade waits for the next write, not the one after.
   */
  seal(): SequencedTrade[];
}

/** A batch waiting for the next write, and its caller's promise. */
interface WaitingBatch {
  batch: FoldBatch;
  resolve(total: TotalValue): void;
  reject(error: unknown): void;
}

interface SealedBatch {
  partition: number;
  trades: SequencedTrade[];
}

const isWrongRevision = (error: unknown) => /wrong last sequence/i.test(describeNatsError(error));

/**
 * The KV bucket `stats` as this instance knows it, and the only writer of it. Every write names
 * the revision it was computed from (optimistic concurrency): when another writer got there
 * first, the write fails, the key is read again and the batches folded into the fresh value, where
 * each partition's lastSeq skips whatever that value already counts.
 */
export class StatsStore {
  private readonly entries = new Map<string, Entry>();
  private waiting: WaitingBatch[] = [];
  private writing = false;
  private lastWriteAt = 0;

  private constructor(
    private readonly kv: KV,
    /** Least time between the starts of two writes, unless a partition is behind. */
    private readonly writeIntervalMs: number,
  ) {}

  static async open(kv: KV, writeIntervalMs: number): Promise<StatsStore> {
    const store = new StatsStore(kv, writeIntervalMs);
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
   * Folds a batch of one partition's trades and resolves with the new total once it is written.
   * Batches that come while a write is under way, or within the write interval after it started
   * (unless a partition is behind), wait for the next write, which writes them all together (a group
   * commit): one KV write a key covers every partition's batch, so partitions do not queue behind
   * each other's round trips. The figures are written first and `total` last, as `total` holds
   * the checkpoints: after a crash in between, the batches are folded again and the figures
   * already written skip them.
   */
  fold(batch: FoldBatch): Promise<TotalValue> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ batch, resolve, reject });
      if (!this.writing) void this.writeWaiting();
    });
  }

  private async writeWaiting(): Promise<void> {
    this.writing = true;
    while (this.waiting.length > 0) {
      // A partition behind has a backlog, so waiting would only hold it up: its batch fills to the limit as it is sealed.
      const behind = this.waiting.some(({ batch }) => batch.behind);
      const wait = this.lastWriteAt + this.writeIntervalMs - Date.now();
      if (wait > 0 && !behind) await new Promise((resolve) => setTimeout(resolve, wait));
      this.lastWriteAt = Date.now();
      const [group, sealed] = this.sealWaiting();
      try {
        const total = await this.write(sealed);
        for (const { resolve } of group) resolve(total);
      } catch (error) {
        for (const { reject } of group) reject(error);
      }
    }
    this.writing = false;
  }

  /** Takes the waiting batches for a write; one that cannot be sealed fails alone. */
  private sealWaiting(): [WaitingBatch[], SealedBatch[]] {
    const group: WaitingBatch[] = [];
    const sealed: SealedBatch[] = [];
    for (const waiting of this.waiting.splice(0)) {
      try {
        sealed.push({ partition: waiting.batch.partition, trades: waiting.batch.seal() });
        group.push(waiting);
      } catch (error) {
        waiting.reject(error);
      }
    }
    return [group, sealed];
  }

  private async write(group: SealedBatch[]): Promise<TotalValue> {
    const figures = this.foldGroup(group);
    const total = new Map([...figures].filter(([key]) => key === STATS_KEYS.total));
    figures.delete(STATS_KEYS.total);
    await this.writeAll(group, figures);
    const written = await this.writeAll(group, total);
    return written.get(STATS_KEYS.total) as TotalValue;
  }

  /** The new value of every key the group's batches change, folded one batch after the other. */
  private foldGroup(group: SealedBatch[]): Map<string, unknown> {
    const folded = new Map<string, unknown>();
    const lookup = (key: string) => (folded.has(key) ? folded.get(key) : this.entries.get(key)?.value);
    for (const { partition, trades } of group) {
      for (const [key, value] of foldBatch(lookup, partition, trades)) folded.set(key, value);
    }
    return folded;
  }

  /**
   * Writes folded values, each by the revision it was folded from. A key another writer changed
   * first is read again and the group folded into its fresh value, until every key is written.
   */
  private async writeAll(group: SealedBatch[], folded: Map<string, unknown>): Promise<Map<string, unknown>> {
    const written = new Map<string, unknown>();
    for (let pending = [...folded]; pending.length > 0; ) {
      const accepted = await Promise.all(pending.map(([key, value]) => this.put(key, value)));
      pending.forEach(([key, value], index) => accepted[index] && written.set(key, value));
      const conflicts = new Set(pending.filter((_, index) => !accepted[index]).map(([key]) => key));
      if (conflicts.size === 0) break;
      await Promise.all([...conflicts].map((key) => this.reload(key)));
      pending = [...this.foldGroup(group)].filter(([key]) => conflicts.has(key));
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
