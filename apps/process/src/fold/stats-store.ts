import { decodeJson, encodeJson, isWrongLastSequence } from '@tradeflow/nats';
import type { Flag } from '@tradeflow/contract';
import {
  type DetectorSettings,
  foldBatch,
  NO_STATS,
  type PartitionStats,
  partitionStatsKey,
  type SequencedMessage,
} from '@tradeflow/fold';
import type { KV } from 'nats';
import type { ProcessMetrics } from '../metrics/process.metrics';

interface Entry {
  stats: PartitionStats;
  /** 0 while the key does not exist. */
  revision: number;
}

/** One partition's messages for the next write. */
export interface FoldBatch {
  partition: number;
  /** The checkpoint the batch continues from: its messages are the partition's next after it. */
  previousSeq: number;
  /** The stream holds a full batch or more of the partition beyond these messages. */
  behind: boolean;
  /**
   * Called once, as the write starts: the batch's messages, final from then on, each a trade or a
   * message set aside (recorded in QUARANTINE by the time it resolves). Until then its reader may
   * add what arrived meanwhile, so a trade waits for the next write, not the one after.
   */
  seal(): Promise<SequencedMessage[]>;
}

/** How the store raises flags: with which thresholds, and where they go before the write that commits their batch. */
export interface FlagRaising {
  settings: DetectorSettings;
  /** Stores the flags a partition's batch raised (in FLAGS); resolves once every one is acknowledged. */
  publish(partition: number, flags: readonly Flag[]): Promise<void>;
}

/** A batch waiting for the next write, and its caller's promise. */
interface WaitingBatch {
  batch: FoldBatch;
  resolve(stats: PartitionStats): void;
  reject(error: unknown): void;
}

/**
 * The partition's value in KV does not end where the batch starts: another instance folded the
 * partition meanwhile, or a write was undone. Folding the batch onto it would count trades twice
 * or skip some, so the batch is refused and the fold resumes from the value's own checkpoint.
 */
export class CheckpointMoved extends Error {
  constructor(partition: number, expected: number, found: number) {
    super(`partition ${partition}'s checkpoint in KV is ${found}, not ${expected} where the batch starts`);
  }
}

/**
 * The KV bucket `stats` as this instance knows it: one value a partition, each the fold of a
 * whole prefix of the partition's trades, its lastSeq the checkpoint. A batch is written only onto
 * the value it continues (lastSeq = the batch's previousSeq), so every value ever written is
 * again a whole prefix: exact whatever another instance wrote. The write names the revision it
 * was folded from, so two instances folding one partition (a lease handed over) do not undo
 * each other's work; nats-server 2.9 does not serialise concurrent writes by revision on a
 * cluster (nats-server#4320), which the prefix rule makes harmless: a value overwritten by an
 * older one is folded again from there.
 *
 * The detectors' state is part of the value, so a batch raises its flags exactly when it is
 * folded onto the value it continues. They are stored before the write that commits the batch:
 * a committed batch's flags are always stored, and a batch folded again (its write refused,
 * failed, or never made) raises the same flags under the same ids, which FLAGS keeps once.
 */
export class StatsStore {
  private readonly entries = new Map<number, Entry>();
  private waiting: WaitingBatch[] = [];
  private writing = false;
  private lastWriteAt = 0;

  constructor(
    private readonly kv: Pick<KV, 'get' | 'create' | 'update'>,
    /** Least time between the starts of two writes, unless a partition is behind. */
    private readonly writeIntervalMs: number,
    private readonly metrics: Pick<ProcessMetrics, 'kvWriteTook' | 'folded' | 'revisionConflict'>,
    private readonly flags: FlagRaising,
  ) {}

  /**
   * Whether KV's latest revision of the partition is neither one this store wrote nor one it read:
   * another writer's value stands there. Not known while a write is under way.
   */
  overwritten(partition: number, latestRevision: number | undefined): boolean {
    const entry = this.entries.get(partition);
    return !this.writing && entry !== undefined && entry.revision !== (latestRevision ?? 0);
  }

  /** The last TRANSACTIONS sequence folded for a partition, read afresh from KV. */
  async checkpoint(partition: number): Promise<number> {
    return (await this.reload(partition)).stats.lastSeq;
  }

  /**
   * Folds a batch of one partition's trades and resolves with the partition's new figures once
   * they are written. Batches that come while a write is under way, or within the write interval
   * after it started (unless a partition is behind), wait for the next write, which writes them
   * all at once (a group commit), so partitions do not queue behind each other's round trips.
   */
  fold(batch: FoldBatch): Promise<PartitionStats> {
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
      await Promise.all(this.waiting.splice(0).map((waiting) => this.writeOne(waiting)));
    }
    this.writing = false;
  }

  private async writeOne({ batch, resolve, reject }: WaitingBatch): Promise<void> {
    try {
      resolve(await this.write(batch.partition, batch.previousSeq, await batch.seal()));
    } catch (error) {
      reject(error);
    }
  }

  /**
   * Folds the messages onto the partition's value they continue, stores the flags they raise, and
   * writes the value by revision.
   */
  private async write(partition: number, previousSeq: number, messages: SequencedMessage[]): Promise<PartitionStats> {
    for (
      let entry = this.entries.get(partition) ?? (await this.reload(partition));
      ;
      entry = await this.reload(partition)
    ) {
      if (entry.stats.lastSeq !== previousSeq) throw new CheckpointMoved(partition, previousSeq, entry.stats.lastSeq);
      const { stats, flags } = foldBatch(entry.stats, messages, this.flags.settings);
      await this.flags.publish(partition, flags);
      if (await this.put(partition, stats, entry.revision)) {
        this.metrics.folded(messages);
        return stats;
      }
    }
  }

  /** Writes by revision; false when another writer changed the key first. */
  private async put(partition: number, stats: PartitionStats, revision: number): Promise<boolean> {
    const key = partitionStatsKey(partition);
    try {
      const data = encodeJson(stats);
      const written = await this.timed(() =>
        revision ? this.kv.update(key, data, revision) : this.kv.create(key, data),
      );
      this.entries.set(partition, { stats, revision: written });
      return true;
    } catch (error) {
      // Not knowing whether it was written, the next write reads the key again.
      this.entries.delete(partition);
      if (!isWrongLastSequence(error)) throw error;
      this.metrics.revisionConflict();
      return false;
    }
  }

  private async timed(write: () => Promise<number>): Promise<number> {
    const started = performance.now();
    try {
      return await write();
    } finally {
      this.metrics.kvWriteTook((performance.now() - started) / 1000);
    }
  }

  private async reload(partition: number): Promise<Entry> {
    const stored = await this.kv.get(partitionStatsKey(partition));
    const entry =
      stored && stored.operation === 'PUT'
        ? { stats: decodeJson<PartitionStats>(stored.value), revision: stored.revision }
        : { stats: NO_STATS, revision: stored?.revision ?? 0 };
    this.entries.set(partition, entry);
    return entry;
  }
}
