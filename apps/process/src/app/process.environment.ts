import { NatsEnvironment } from '@tradeflow/nats';
import { Count, PositiveCount } from '@tradeflow/platform';
import { IsNotEmpty, IsString, Max, Min } from 'class-validator';
import { hostname } from 'node:os';

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

  /** This instance's name in the leases bucket. */
  @IsString()
  @IsNotEmpty()
  INSTANCE_ID: string = `${hostname()}-${process.pid}`;
}
