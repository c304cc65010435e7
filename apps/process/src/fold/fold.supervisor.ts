import {
  type BeforeApplicationShutdown,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { describeNatsError, NatsClient } from '@tradeflow/nats';
import { StopSignal } from '@tradeflow/platform';
import { BUCKETS } from '@tradeflow/topology';
import type { ProcessEnvironment } from '../app/process.environment';
import { PartitionLeases } from '../leases/partition-leases';
import { PartitionFold } from './partition-fold';
import { StatsStore } from './stats-store';

/**
 * Runs a PartitionFold for every partition this instance holds a lease on, and follows the
 * leases as instances come and go. On shutdown it finishes the batches in hand and gives its
 * partitions back, so the other instances take them over at once.
 */
@Injectable()
export class FoldSupervisor implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(FoldSupervisor.name);
  private readonly folds = new Map<number, PartitionFold>();
  private leases?: PartitionLeases;
  private store?: StatsStore;
  private running?: Promise<void>;
  private readonly stopSignal = new StopSignal();
  private readonly batchMax: number;

  constructor(
    private readonly nats: NatsClient,
    private readonly config: ConfigService<ProcessEnvironment, true>,
  ) {
    this.batchMax = config.get('FOLD_BATCH_MAX', { infer: true });
  }

  onApplicationBootstrap(): void {
    this.running = this.run();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopSignal.stop();
    await this.running;
    await Promise.all([...this.folds.values()].map((fold) => fold.stop()));
    await this.leases?.releaseAll();
  }

  /** The partitions being folded here, for logs and tests. */
  ownedPartitions(): number[] {
    return [...this.folds.keys()].sort((a, b) => a - b);
  }

  private async run(): Promise<void> {
    await Promise.race([this.nats.ready(), this.stopSignal.whenStopped]);
    const renewEvery = this.config.get('LEASE_RENEW_MS', { infer: true });
    while (!this.stopSignal.stopped) {
      try {
        await this.rebalance();
      } catch (error) {
        this.logger.error(`lease round failed: ${describeNatsError(error)}`);
      }
      await this.stopSignal.sleep(renewEvery);
    }
  }

  private async rebalance(): Promise<void> {
    const { js } = this.nats;
    this.store ??= await StatsStore.open(
      await js.views.kv(BUCKETS.stats, { bindOnly: true }),
      this.config.get('FOLD_WRITE_INTERVAL_MS', { infer: true }),
    );
    this.leases ??= new PartitionLeases(
      await js.views.kv(BUCKETS.leases, { bindOnly: true }),
      this.config.get('INSTANCE_ID', { infer: true }),
      this.config.get('TX_PARTITIONS', { infer: true }),
    );
    const { gained, lost, surplus } = await this.leases.rebalance();
    for (const partition of lost) {
      this.logger.warn(`lease on partition ${partition} lost; another instance folds it`);
      await this.stopFold(partition);
    }
    for (const partition of surplus) {
      await this.stopFold(partition);
      await this.leases.release(partition);
    }
    for (const partition of gained) {
      const fold = new PartitionFold(partition, this.nats, this.store, this.batchMax);
      this.folds.set(partition, fold);
      fold.start();
    }
    if (gained.length || lost.length || surplus.length) {
      this.logger.log(`folding partitions [${this.ownedPartitions().join(', ')}]`);
    }
  }

  private async stopFold(partition: number): Promise<void> {
    await this.folds.get(partition)?.stop();
    this.folds.delete(partition);
  }
}
