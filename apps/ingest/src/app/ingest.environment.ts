import { NatsEnvironment } from '@tradeflow/nats';
import { Count, PositiveCount } from '@tradeflow/platform';
import { Max, Min } from 'class-validator';

export class IngestEnvironment extends NatsEnvironment {
  override PORT: number = 3001;

  /** Largest body of POST /transactions, in bytes. */
  @PositiveCount() @Min(2) BODY_LIMIT_BYTES: number = 64 * 1024;
  /** Largest body of POST /transactions/batch, in bytes. */
  @PositiveCount() @Min(2) BATCH_BODY_LIMIT_BYTES: number = 1024 * 1024;
  @PositiveCount() BATCH_MAX_ITEMS: number = 1000;

  /** How long a request waits for JetStream's acknowledgement before answering 503. */
  @PositiveCount() @Max(60_000) PUBLISH_TIMEOUT_MS: number = 2000;
  /** The Retry-After of a 503. */
  @PositiveCount() RETRY_AFTER_SECONDS: number = 2;
  /** How long an idempotency key (or a redelivered submission) is recognised. */
  @PositiveCount() DUPLICATE_WINDOW_SECONDS: number = 120;
  /** tx.submit messages handled at once by this instance. */
  @PositiveCount() SUBMISSIONS_CONCURRENCY: number = 256;

  // Stream limits; 0 is unlimited. TRANSACTIONS keeps everything by default: the statistics are
  // folded from it and must stay recountable.
  @Count() SUBMISSIONS_MAX_AGE_SECONDS: number = 7 * 24 * 3600;
  @Count() SUBMISSIONS_MAX_BYTES: number = 0;
  @Count() SUBMISSIONS_MAX_MESSAGES: number = 1_000_000;
  @Count() TRANSACTIONS_MAX_AGE_SECONDS: number = 0;
  @Count() TRANSACTIONS_MAX_BYTES: number = 0;
  @Count() TRANSACTIONS_MAX_MESSAGES: number = 0;
  @Count() REJECTED_MAX_AGE_SECONDS: number = 7 * 24 * 3600;
  @Count() REJECTED_MAX_BYTES: number = 0;
  @Count() REJECTED_MAX_MESSAGES: number = 100_000;
}
