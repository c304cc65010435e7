import { NatsEnvironment } from '@tradeflow/nats';
import { IsOriginList, PositiveCount } from '@tradeflow/platform';
import { IsNotEmpty, IsString, Max, Min } from 'class-validator';
import { dirname, resolve } from 'node:path';

export class StatsEnvironment extends NatsEnvironment {
  override PORT: number = 3002;

  /** Least time between two coalesced messages to a client: 100 ms is at most ten a second. */
  @PositiveCount() @Min(10) @Max(60_000) WS_TICK_MS: number = 100;
  /**
   * A client whose unsent data exceeds this is skipped until it has drained, then sent a fresh
   * snapshot: the memory a slow client can hold is this plus one message.
   */
  @PositiveCount() @Min(1024) WS_MAX_BUFFERED_BYTES: number = 1024 * 1024;
  /** Largest frame a client may send; a bigger one closes its socket (1009). */
  @PositiveCount() @Min(64) @Max(1024 * 1024) WS_MAX_PAYLOAD_BYTES: number = 4096;
  /** Trades in the summary feed's `latest`. */
  @PositiveCount() @Max(1000) WS_LATEST_TRADES: number = 10;
  /** The fold's most recent flags in a snapshot: read from the stream FLAGS's tail at start. */
  @PositiveCount() @Max(1000) WS_RECENT_FLAGS: number = 50;
  /**
   * Origins of the pages that may open /ws (see UpgradeOrigins); by default loopback pages on any
   * port: the dashboard served by this app on loopback, and its dev server.
   */
  @IsOriginList() WS_ALLOWED_ORIGINS: string = 'http://127.0.0.1:*,http://localhost:*,http://[::1]:*';

  /** The dashboard's build, served at GET /; by default beside this app's own (dist/apps). */
  @IsString()
  @IsNotEmpty()
  DASHBOARD_DIR: string = resolve(dirname(process.argv[1] ?? '.'), '../dashboard');
}
