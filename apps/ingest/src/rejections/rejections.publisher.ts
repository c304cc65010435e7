import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { describeNatsError, encodeJson, NatsClient } from '@tradeflow/nats';
import { STREAMS, SUBJECTS } from '@tradeflow/topology';
import { type FieldError, randomTradeId } from '@tradeflow/trade';
import type { IngestEnvironment } from '../app/ingest.environment';
import type { Rejection } from './rejection';

/** Keeps refused submissions in REJECTED, from `tx.submit` and from HTTP alike. */
@Injectable()
export class RejectionsPublisher {
  private readonly logger = new Logger(RejectionsPublisher.name);
  private readonly timeout: number;
  private readonly maxBytes: number;

  constructor(
    private readonly nats: NatsClient,
    config: ConfigService<IngestEnvironment, true>,
  ) {
    this.timeout = config.get('PUBLISH_TIMEOUT_MS', { infer: true });
    this.maxBytes = config.get('BODY_LIMIT_BYTES', { infer: true });
  }

  /** Resolves once JetStream has it; the id makes a redelivered submission's record a no-op. */
  async store(rejection: Rejection): Promise<void> {
    await this.nats.publisher.publish(SUBJECTS.rejected, encodeJson(rejection), {
      msgID: `rejected:${rejection.id}`,
      expectStream: STREAMS.rejected,
      timeoutMs: this.timeout,
    });
  }

  /**
   * Records a refusal answered over HTTP without holding up the answer: the caller has the
   * reasons already, and REJECTED is for inspection and the dashboard's refused count.
   */
  noteHttp(body: unknown, errors: FieldError[]): void {
    if (!this.nats.isConnected()) return;
    const payload = (typeof body === 'string' ? body : (JSON.stringify(body) ?? '')).slice(0, this.maxBytes);
    const rejection: Rejection = {
      id: randomTradeId(),
      source: 'http',
      receivedAt: new Date().toISOString(),
      errors,
      payload,
    };
    this.store(rejection).catch((error) =>
      this.logger.debug(`refusal not recorded in ${STREAMS.rejected}: ${describeNatsError(error)}`),
    );
  }
}
