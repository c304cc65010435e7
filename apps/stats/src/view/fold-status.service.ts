import { type BeforeApplicationShutdown, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { readFoldStatus } from '@tradeflow/contract';
import { describeNatsError, NatsClient } from '@tradeflow/nats';
import { StopSignal } from '@tradeflow/platform';
import { SUBJECTS } from '@tradeflow/topology';
import type { Subscription } from 'nats';
import { PartitionHealth } from './partition-health';

/** An instance that has not reported for this long is forgotten (process reports every 2 s). */
const FORGET_AFTER_MS = 10_000;
const EXPIRE_EVERY_MS = 1000;
const decoder = new TextDecoder();

export interface FoldStatusListener {
  /** The fold's health as clients see it changed: a partition got stuck, or moved again. */
  healthChanged(): void;
}

/** Follows the process instances' fold status on `stats.status` (no queue group: every gateway hears every report). */
@Injectable()
export class FoldStatusService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(FoldStatusService.name);
  private readonly partitions = new PartitionHealth(FORGET_AFTER_MS);
  private listener?: FoldStatusListener;
  private subscription?: Subscription;
  private timer?: NodeJS.Timeout;
  private changes = 0;
  private readonly stopSignal = new StopSignal();

  constructor(private readonly nats: NatsClient) {}

  /** The fold's health as JSON, `{"status":"ok"|"degraded","partitions":{…}}`. */
  get healthJson(): string {
    return this.partitions.healthJson;
  }

  /** Counts the changes, so that a snapshot serialised with the health can be reused until the next. */
  get version(): number {
    return this.changes;
  }

  listen(listener: FoldStatusListener): void {
    this.listener = listener;
  }

  onApplicationBootstrap(): void {
    // subscribe() throws once the connection is closed, as at a shutdown during start.
    this.start().catch((error: unknown) => this.logger.error(`${SUBJECTS.statsStatus}: ${describeNatsError(error)}`));
  }

  beforeApplicationShutdown(): void {
    this.stopSignal.stop();
    clearInterval(this.timer);
    this.subscription?.unsubscribe();
  }

  private async start(): Promise<void> {
    await Promise.race([this.nats.ready(), this.stopSignal.whenStopped]);
    if (this.stopSignal.stopped) return;
    this.subscription = this.nats.nc.subscribe(SUBJECTS.statsStatus, {
      callback: (error, message) => {
        if (error) return this.logger.error(`${SUBJECTS.statsStatus}: ${describeNatsError(error)}`);
        const status = readFoldStatus(decoder.decode(message.data));
        if (!status) return this.logger.warn(`ignored a message on ${SUBJECTS.statsStatus} that is not a fold status`);
        if (this.partitions.report(status)) this.changed();
      },
    });
    this.timer = setInterval(() => {
      if (this.partitions.expire()) this.changed();
    }, EXPIRE_EVERY_MS);
  }

  private changed(): void {
    this.changes++;
    const { status, partitions } = this.partitions.health;
    if (status === 'ok') this.logger.log('every partition moves again');
    else
      this.logger.warn(
        `stuck: ${Object.entries(partitions)
          .map(([partition, { reason }]) => `partition ${partition}: ${reason}`)
          .join('; ')}`,
      );
    this.listener?.healthChanged();
  }
}
