import { type BeforeApplicationShutdown, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { describeNatsError, NatsClient } from '@tradeflow/nats';
import { StopSignal } from '@tradeflow/platform';
import { CONSUMERS, STREAMS } from '@tradeflow/topology';
import type { ConsumerMessages, JsMsg } from 'nats';
import type { IngestEnvironment } from '../app/ingest.environment';
import { IntakeService } from '../intake/intake.service';
import { IngestMetrics } from '../metrics/ingest-metrics';
import { describeSubmission, readSubmission } from './submission';

const RETRY_DELAY_MS = 2000;

/**
 * Drains SUBMISSIONS (what `nats pub tx.submit` sends) into TRANSACTIONS or REJECTED. A message
 * is acknowledged only after JetStream stored its outcome; until then it stays in the work queue,
 * so a crash or an outage loses nothing, and the redelivery is deduplicated by its id.
 */
@Injectable()
export class SubmissionsConsumer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(SubmissionsConsumer.name);
  private readonly concurrency: number;
  private messages?: ConsumerMessages;
  private running?: Promise<void>;
  private readonly stopSignal = new StopSignal();

  constructor(
    private readonly nats: NatsClient,
    private readonly intake: IntakeService,
    private readonly metrics: IngestMetrics,
    config: ConfigService<IngestEnvironment, true>,
  ) {
    this.concurrency = config.get('SUBMISSIONS_CONCURRENCY', { infer: true });
  }

  onApplicationBootstrap(): void {
    this.running = this.run();
  }

  /** Stops pulling and lets the submissions in hand finish before the connection drains. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopSignal.stop();
    await this.messages?.close();
    await this.running;
  }

  private async run(): Promise<void> {
    await Promise.race([this.nats.ready(), this.stopSignal.whenStopped]);
    await this.stopSignal.repeat(
      () => this.consume(),
      (error) => this.logger.error(`consuming ${STREAMS.submissions} failed, retrying: ${describeNatsError(error)}`),
      RETRY_DELAY_MS,
    );
  }

  private async consume(): Promise<void> {
    const consumer = await this.nats.js.consumers.get(STREAMS.submissions, CONSUMERS.ingestSubmissions);
    this.messages = await consumer.consume({ max_messages: this.concurrency });
    if (this.stopSignal.stopped) await this.messages.close();
    const inFlight = new Set<Promise<void>>();
    for await (const message of this.messages) {
      const task = this.handle(message).finally(() => inFlight.delete(task));
      inFlight.add(task);
      if (inFlight.size >= this.concurrency) await Promise.race(inFlight);
    }
    await Promise.all(inFlight);
  }

  /** Never rejects: whatever fails (a policy that throws included) leaves the message to be delivered again. */
  private async handle(message: JsMsg): Promise<void> {
    try {
      const outcome = await this.intake.submitQueued(readSubmission(message), message, describeSubmission);
      this.metrics.submissionHandled(outcome);
      if (outcome.kind !== 'unavailable') return message.ack();
      this.logger.warn(`submission ${message.info.streamSequence} not stored, will retry: ${outcome.message}`);
    } catch (error) {
      this.metrics.submissionHandled(undefined);
      this.logger.error(`submission ${message.info.streamSequence} failed, will retry: ${describeNatsError(error)}`);
    }
    message.nak(RETRY_DELAY_MS);
  }
}
