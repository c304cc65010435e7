import { Injectable } from '@nestjs/common';
import type { SequencedMessage } from '@tradeflow/fold';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';

/** What the partition gauges read when scraped, from whoever folds the partitions. */
export interface PartitionReadings {
  /** How many partitions this instance folds. */
  owned(): number;
  /** Each partition folded here: the stream's last sequence of it minus its checkpoint. */
  lags(): Promise<ReadonlyMap<number, number>>;
}

const NO_PARTITIONS: PartitionReadings = { owned: () => 0, lags: async () => new Map() };

/**
 * process's metrics: what the fold writes to KV, counted once per write rather than per trade,
 * and the partitions it folds with their lag, read when scraped.
 */
@Injectable()
export class ProcessMetrics {
  private readonly tradesFolded: Counter;
  private readonly batchSize: Histogram;
  private readonly kvWriteDuration: Histogram;
  private readonly revisionConflicts: Counter;
  private readonly tradesQuarantined: Counter;
  private partitions = NO_PARTITIONS;

  constructor(registry: Registry) {
    const registers = [registry];
    this.tradesFolded = new Counter({ name: 'tradeflow_fold_trades_total', help: 'Trades folded into KV', registers });
    this.batchSize = new Histogram({
      name: 'tradeflow_fold_batch_size',
      help: "Messages of a partition's KV write (trades and those set aside)",
      buckets: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000],
      registers,
    });
    this.kvWriteDuration = new Histogram({
      name: 'tradeflow_kv_write_duration_seconds',
      help: "Time of a partition's KV write, stored, refused or failed",
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers,
    });
    this.revisionConflicts = new Counter({
      name: 'tradeflow_kv_revision_conflicts_total',
      help: "KV writes refused because another writer changed the partition's value first",
      registers,
    });
    this.tradesQuarantined = new Counter({
      name: 'tradeflow_trades_quarantined_total',
      help: 'Stored messages the fold set aside in QUARANTINE and counted as quarantined',
      registers,
    });
    const partitions = () => this.partitions;
    new Gauge({
      name: 'tradeflow_partitions_owned',
      help: 'Partitions this instance folds',
      registers,
      collect() {
        this.set(partitions().owned());
      },
    });
    new Gauge({
      name: 'tradeflow_partition_lag',
      help: "The stream's last sequence of the partition minus the partition's checkpoint, for the partitions folded here",
      labelNames: ['partition'],
      registers,
      async collect() {
        const lags = await partitions().lags();
        this.reset();
        for (const [partition, lag] of lags) this.set({ partition: String(partition) }, lag);
      },
    });
  }

  /** The fold's partitions, as the gauges read them from now on. */
  followPartitions(readings: PartitionReadings): void {
    this.partitions = readings;
  }

  /** A KV write took this long, whatever its outcome. */
  kvWriteTook(seconds: number): void {
    this.kvWriteDuration.observe(seconds);
  }

  /** A KV write stored these messages: each a trade folded, or a message set aside. */
  folded(messages: readonly SequencedMessage[]): void {
    let quarantined = 0;
    for (const message of messages) if ('quarantined' in message) quarantined++;
    this.batchSize.observe(messages.length);
    this.tradesFolded.inc(messages.length - quarantined);
    if (quarantined) this.tradesQuarantined.inc(quarantined);
  }

  /** A KV write was refused: the partition's value had another revision than the one folded from. */
  revisionConflict(): void {
    this.revisionConflicts.inc();
  }
}
