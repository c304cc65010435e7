import { NatsEnvironment } from '@tradeflow/nats';
import { Count, PositiveCount } from '@tradeflow/platform';
import { IsNotEmpty, IsString, Max, Min, ValidateBy, type ValidationArguments } from 'class-validator';
import { hostname } from 'node:os';

/** JetStream refuses a duplicate window longer than the stream's max age, when it has one. */
const WithinMaxAge = () =>
  ValidateBy({
    name: 'withinMaxAge',
    validator: {
      validate: (value: number, args?: ValidationArguments) => {
        const maxAge = (args?.object as ProcessEnvironment).FLAGS_MAX_AGE_SECONDS;
        return maxAge === 0 || value <= maxAge;
      },
      defaultMessage: (args?: ValidationArguments) => `${args?.property} must not be above FLAGS_MAX_AGE_SECONDS`,
    },
  });

/**
 * process's variables. The detectors' thresholds are DetectorEnvironment's (libs/fold), read
 * alike by process and verify.
 */
export class ProcessEnvironment extends NatsEnvironment {
  override PORT: number = 3003;

  /** Most trades folded by one KV write; a batch's update message carries them all. */
  @PositiveCount() @Max(2000) FOLD_BATCH_MAX: number = 1000;
  /**
   * Least time between the starts of two KV writes. Under load the batches of that time share one
   * write, which bounds what the broker stores (every write of a pair rewrites its time buckets);
   * a write after a quiet spell, or while a partition is a full batch or more behind (a
   * backlog), starts at once. 0: every write starts at once.
   */
  @Count() @Max(1000) FOLD_WRITE_INTERVAL_MS: number = 50;

  /**
   * A partition whose fold keeps failing, or whose checkpoint does not move while the stream holds
   * newer messages of it, for longer than this is stuck: /health answers 503 naming it.
   */
  @PositiveCount() @Max(3600) FOLD_STUCK_AFTER_SECONDS: number = 10;

  /** How long an owner may be silent before its partitions are taken over. */
  @PositiveCount() @Min(2) LEASE_TTL_SECONDS: number = 6;
  /** How often leases are renewed and rebalanced; well under the TTL. */
  @PositiveCount() @Min(100) LEASE_RENEW_MS: number = 2000;

  // FLAGS, the trades the detectors flagged; 0 is unlimited. The oldest go first when it is full.
  @Count() FLAGS_MAX_AGE_SECONDS: number = 7 * 24 * 3600;
  @Count() FLAGS_MAX_BYTES: number = 0;
  @Count() FLAGS_MAX_MESSAGES: number = 1_000_000;
  /**
   * A flag published again under its id within this is stored once: it covers a batch folded
   * again after its flags were stored but before its KV write (a crash, a refused write).
   */
  @PositiveCount() @WithinMaxAge() FLAGS_DUPLICATE_WINDOW_SECONDS: number = 600;

  /** This instance's name in the leases bucket. */
  @IsString()
  @IsNotEmpty()
  INSTANCE_ID: string = `${hostname()}-${process.pid}`;
}
