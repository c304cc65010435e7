import { applyDecorators } from '@nestjs/common';
import { NatsEnvironment } from '@tradeflow/nats';
import { Count, PositiveCount } from '@tradeflow/platform';
import { IsIn, IsNumber, IsPositive, Max, Min } from 'class-validator';

/** A rate: a number > 0, fractions allowed (0.5 a second is one every 2 s). */
const PositiveRate = () => applyDecorators(IsNumber({ allowNaN: false, allowInfinity: false }), IsPositive());

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
  /** TRANSACTIONS' duplicate window: a trade published again under its id within it is stored once. */
  @PositiveCount() DUPLICATE_WINDOW_SECONDS: number = 120;
  /** How long an Idempotency-Key is remembered: reused later, it is a new trade. */
  @PositiveCount() IDEMPOTENCY_TTL_SECONDS: number = 24 * 3600;
  /** tx.submit messages handled at once by this instance. */
  @PositiveCount() SUBMISSIONS_CONCURRENCY: number = 256;

  // Rate limits of this instance, in trades: token buckets per userId and per HTTP client address.
  @IsIn(['on', 'off'], { message: 'RATE_LIMIT must be on or off' }) RATE_LIMIT: 'on' | 'off' = 'off';
  @PositiveRate() RATE_LIMIT_USER_PER_SECOND: number = 100;
  /** A user's most trades at once; a batch with more of one user's trades is always refused. */
  @PositiveCount() RATE_LIMIT_USER_BURST: number = 1000;
  @PositiveRate() RATE_LIMIT_CLIENT_PER_SECOND: number = 10_000;
  @PositiveCount() RATE_LIMIT_CLIENT_BURST: number = 20_000;

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
