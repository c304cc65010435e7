import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { FoldStatus } from '@tradeflow/contract';
import {
  countKeys,
  describeNatsError,
  HealthChecks,
  type HealthReport,
  lastStoredSeq,
  latestRevision,
  NatsClient,
  nextStoredSeq,
} from '@tradeflow/nats';
import { scrapeReading } from '@tradeflow/metrics';
import { StopSignal } from '@tradeflow/platform';
import { type DetectorSettings, partitionStatsKey } from '@tradeflow/fold';
import { acceptedSubject, BUCKETS, STREAMS, SUBJECTS } from '@tradeflow/topology';
import type { ProcessEnvironment } from '../app/process.environment';
import { PartitionLeases } from '../leases/partition-leases';
import { ProcessMetrics } from '../metrics/process.metrics';
import { DETECTOR_SETTINGS, describeDetectors } from './detector-settings';
import { FlagPublisher } from './flag-publisher';
import { FoldHealth } from './fold-health';
import { PartitionFold } from './partition-fold';
import { type FlagRaising, StatsStore } from './stats-store';

/** How often the folds' health is looked at: partitions due for a probe are probed, a change published. */
const WATCH_EVERY_MS = 500;
/** The fold status goes out on SUBJECTS.statsStatus at least this often, changed or not. */
const STATUS_EVERY_MS = 2000;
/** The partitions' lags are read from the stream at most this often, however often /metrics is scraped. */
const LAGS_READ_EVERY_MS = 1000;
const encoder = new TextEncoder();

/**
 * Runs a PartitionFold for every partition this instance holds a lease on, and follows the
 * leases as instances come and go. On shutdown it finishes the batches in hand and gives its
 * partitions back, so the other instances take them over at once. It watches whether each of its
 * partitions moves (FoldHealth), adds `fold` to /health (down, naming them, while any is stuck),
 * and tells the gateways on SUBJECTS.statsStatus, so clients learn which partitions are stuck.
 */
@Injectable()
export class FoldSupervisor implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(FoldSupervisor.name);
  private readonly folds = new Map<number, PartitionFold>();
  /** Folds told to stop that have not finished their batch yet. */
  private readonly stopping = new Set<Promise<void>>();
  private leases?: PartitionLeases;
  private store?: StatsStore;
  private running?: Promise<void>;
  private readonly stopSignal = new StopSignal();
  private readonly batchMax: number;
  private readonly instance: string;
  private readonly health: FoldHealth;
  private sentStatus?: { json: string; at: number };

  constructor(
    private readonly nats: NatsClient,
    private readonly config: ConfigService<ProcessEnvironment, true>,
    healthChecks: HealthChecks,
    private readonly metrics: ProcessMetrics,
    @Inject(DETECTOR_SETTINGS) private readonly detectors: DetectorSettings,
  ) {
    this.batchMax = config.get('FOLD_BATCH_MAX', { infer: true });
    this.instance = config.get('INSTANCE_ID', { infer: true });
    this.health = new FoldHealth(config.get('FOLD_STUCK_AFTER_SECONDS', { infer: true }) * 1000);
    healthChecks.register('fold', () => this.healthReport());
    metrics.followPartitions({
      owned: () => this.health.folding().length,
      lags: scrapeReading(LAGS_READ_EVERY_MS, () => this.partitionLags()),
    });
  }

  onApplicationBootstrap(): void {
    this.logger.log(describeDetectors(this.detectors));
    this.running = Promise.all([this.run(), this.watch()]).then(() => undefined);
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopSignal.stop();
    await this.running;
    for (const partition of this.folds.keys()) this.stopFold(partition);
    await Promise.all(this.stopping);
    // The gateways forget this instance's partitions at once rather than when its reports stop.
    if (this.sentStatus) this.publishStatus({ instance: this.instance, partitions: {} });
    await this.leases?.releaseAll();
  }

  /** The partitions being folded here, for logs and tests. */
  ownedPartitions(): number[] {
    return [...this.folds.keys()].sort((a, b) => a - b);
  }

  /** `fold` in /health: the partitions folded here, and those stuck with why; down while any is. */
  private healthReport(): HealthReport {
    const stuck = this.health.stuck();
    const details = { instance: this.instance, folding: this.health.folding() };
    if (stuck.size === 0) return { up: true, details };
    const partitions = Object.fromEntries([...stuck].map(([partition, { reason }]) => [partition, reason]));
    return { up: false, details: { ...details, partitions } };
  }

  /**
   * Each partition folded here whose checkpoint is known: how far the stream's last message of it
   * is past the checkpoint, in stream sequences. A partition whose last message the stream's
   * leader does not tell (NATS away) is left out.
   */
  private async partitionLags(): Promise<Map<number, number>> {
    const lags = new Map<number, number>();
    if (!this.nats.isConnected()) return lags;
    const read = async ([partition, checkpoint]: [number, number]) => {
      try {
        const last = await lastStoredSeq(this.nats.jsm, STREAMS.transactions, acceptedSubject(partition));
        lags.set(partition, Math.max(0, (last ?? 0) - checkpoint));
      } catch (error) {
        this.logger.debug(`reading partition ${partition}'s last message: ${describeNatsError(error)}`);
      }
    };
    await Promise.all([...this.health.checkpoints()].map(read));
    return lags;
  }

  /**
   * Probes the partitions whose checkpoint has not moved for a while (is there work waiting?), and
   * publishes the fold status when it changes, and every STATUS_EVERY_MS.
   */
  private async watch(): Promise<void> {
    await Promise.race([this.nats.ready(), this.stopSignal.whenStopped]);
    while (!this.stopSignal.stopped) {
      for (const probe of this.health.dueProbes()) {
        try {
          const next = await nextStoredSeq(
            this.nats.jsm,
            STREAMS.transactions,
            acceptedSubject(probe.partition),
            probe.fromSeq,
          );
          this.health.probed(probe, next);
        } catch (error) {
          this.logger.debug(`probing partition ${probe.partition}: ${describeNatsError(error)}`);
        }
      }
      const status = this.foldStatus();
      const changed = JSON.stringify(status) !== this.sentStatus?.json;
      if (changed || Date.now() - (this.sentStatus?.at ?? 0) >= STATUS_EVERY_MS) this.publishStatus(status);
      await this.stopSignal.sleep(WATCH_EVERY_MS);
    }
  }

  /** Every partition folded here, ok or stuck: what the gateways are told. */
  private foldStatus(): FoldStatus {
    const stuck = this.health.stuck();
    const partitions: FoldStatus['partitions'] = {};
    for (const partition of this.health.folding()) {
      const found = stuck.get(partition);
      partitions[partition] = found
        ? { state: 'stuck', reason: found.cause, since: new Date(found.since).toISOString() }
        : { state: 'ok' };
    }
    return { instance: this.instance, partitions };
  }

  private publishStatus(status: FoldStatus): void {
    const json = JSON.stringify(status);
    try {
      this.nats.nc.publish(SUBJECTS.statsStatus, encoder.encode(json));
    } catch (error) {
      // Closed: nobody to tell. Disconnected, nats.js buffers it.
      this.logger.debug(`${SUBJECTS.statsStatus}: ${describeNatsError(error)}`);
    }
    this.sentStatus = { json, at: Date.now() };
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
    this.store ??= new StatsStore(
      await js.views.kv(BUCKETS.stats, { bindOnly: true }),
      this.config.get('FOLD_WRITE_INTERVAL_MS', { infer: true }),
      this.metrics,
      this.flagRaising(),
    );
    this.leases ??= new PartitionLeases(
      await js.views.kv(BUCKETS.leases, { bindOnly: true }),
      {
        latestRevision: (key) => latestRevision(this.nats.jsm, BUCKETS.leases, key),
        countKeys: (filter) => countKeys(this.nats.jsm, BUCKETS.leases, filter),
      },
      this.config.get('INSTANCE_ID', { infer: true }),
      this.config.get('TX_PARTITIONS', { infer: true }),
    );
    const { gained, lost, surplus } = await this.leases.rebalance();
    for (const partition of lost) {
      this.logger.warn(`lease on partition ${partition} lost; another instance folds it`);
      this.stopFold(partition);
      this.health.untrack(partition);
    }
    for (const partition of surplus) {
      this.stopFold(partition);
      this.health.untrack(partition);
      await this.leases.release(partition);
    }
    for (const partition of gained) {
      this.health.track(partition);
      this.startFold(partition);
    }
    if (gained.length || lost.length || surplus.length) {
      this.logger.log(`folding partitions [${this.ownedPartitions().join(', ')}]`);
    }
    await this.restartOverwritten();
  }

  /** The detectors' thresholds, and FLAGS, where the flags they raise go. */
  private flagRaising(): FlagRaising {
    const publisher = new FlagPublisher(this.nats.publisher);
    return { settings: this.detectors, publish: (partition, flags) => publisher.publish(partition, flags) };
  }

  /**
   * A fold learns that its partition's value was overwritten (by another instance in a handover,
   * or by an older write that landed last) when its next write is refused; a partition with no new
   * trades would keep that value meanwhile. So each round compares KV's latest revision with what
   * the folds wrote, and starts a partition overwritten again from the value's own checkpoint.
   */
  private async restartOverwritten(): Promise<void> {
    for (const partition of this.ownedPartitions()) {
      const latest = await latestRevision(this.nats.jsm, BUCKETS.stats, partitionStatsKey(partition));
      if (!this.store?.overwritten(partition, latest)) continue;
      this.logger.warn(`partition ${partition}'s value in KV was overwritten; folding again from its checkpoint`);
      this.stopFold(partition);
      this.startFold(partition);
    }
  }

  private startFold(partition: number): void {
    const fold = new PartitionFold(
      partition,
      this.nats,
      this.store as StatsStore,
      { batchMax: this.batchMax, partitions: this.config.get('TX_PARTITIONS', { infer: true }) },
      this.health,
    );
    this.folds.set(partition, fold);
    fold.start();
  }

  /**
   * Stops a fold without waiting for it: a lease round that waited for a batch's KV write (seconds
   * while a node fails over) would renew no lease meanwhile, and lose them all. Should another
   * instance start on the partition before this fold's last write, that write is refused: the
   * partition's value in KV has moved on.
   */
  private stopFold(partition: number): void {
    const fold = this.folds.get(partition);
    this.folds.delete(partition);
    if (!fold) return;
    const stopped = fold.stop().finally(() => this.stopping.delete(stopped));
    this.stopping.add(stopped);
  }
}
