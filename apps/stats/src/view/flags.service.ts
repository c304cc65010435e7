import { type BeforeApplicationShutdown, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { readFlag } from '@tradeflow/contract';
import { describeNatsError, NatsClient } from '@tradeflow/nats';
import { StopSignal } from '@tradeflow/platform';
import { STREAMS } from '@tradeflow/topology';
import type { ConsumerMessages } from 'nats';
import type { StatsEnvironment } from '../app/stats.environment';
import { RecentFlags } from './recent-flags';

export interface FlagsListener {
  /** A flag the gateway had not seen, as the JSON it was stored in. */
  flagRaised(json: string): void;
}

const RETRY_MS = 1000;
const STREAM_NOT_FOUND = 'stream not found';

/**
 * The fold's flags, from the stream FLAGS: an ordered consumer (ephemeral, no acknowledgements)
 * starts at the stream's last WS_RECENT_FLAGS messages, so a gateway that starts has the recent
 * flags at once, and goes on with every flag stored after them, in order, across reconnects. Until
 * process has created the stream, and after it is deleted, the read is tried again every second.
 */
@Injectable()
export class FlagsService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(FlagsService.name);
  private readonly size: number;
  private readonly recent: RecentFlags;
  private listener?: FlagsListener;
  private messages?: ConsumerMessages;
  private lastError?: string;
  private readonly stopSignal = new StopSignal();

  constructor(
    private readonly nats: NatsClient,
    config: ConfigService<StatsEnvironment, true>,
  ) {
    this.size = config.get('WS_RECENT_FLAGS', { infer: true });
    this.recent = new RecentFlags(this.size);
  }

  /** The most recent flags, newest first, as one JSON array. */
  get json(): string {
    return this.recent.json();
  }

  /** Counts the changes, so that a snapshot serialised with the flags can be reused until the next. */
  get version(): number {
    return this.recent.version;
  }

  listen(listener: FlagsListener): void {
    this.listener = listener;
  }

  onApplicationBootstrap(): void {
    void this.start();
  }

  beforeApplicationShutdown(): void {
    this.stopSignal.stop();
    this.messages?.stop();
  }

  private async start(): Promise<void> {
    await Promise.race([this.nats.ready(), this.stopSignal.whenStopped]);
    await this.stopSignal.repeat(
      () => this.follow(),
      (error) => this.failed(describeNatsError(error)),
      RETRY_MS,
    );
  }

  /** Reads the stream's tail, then every flag stored after it, until the stream goes or the gateway stops. */
  private async follow(): Promise<void> {
    const { state } = await this.nats.jsm.streams.info(STREAMS.flags);
    const tail = Math.max(state.first_seq, state.last_seq - this.size + 1, 1);
    const consumer = await this.nats.js.consumers.get(STREAMS.flags, { opt_start_seq: tail });
    const messages = await consumer.consume({ abort_on_missing_resource: true });
    this.messages = messages;
    if (this.stopSignal.stopped) messages.stop();
    if (this.lastError !== undefined && this.lastError !== STREAM_NOT_FOUND) {
      this.logger.log(`reading ${STREAMS.flags} again`);
    }
    this.lastError = undefined;
    for await (const message of messages) this.receive(message.string());
  }

  private receive(json: string): void {
    const flag = readFlag(json);
    if (!flag) return this.logger.warn(`ignored a message in ${STREAMS.flags} that is not a flag`);
    if (this.recent.add(flag.id, json)) this.listener?.flagRaised(json);
  }

  /** Logs a failure once, not once a retry; until process has created the stream, quietly. */
  private failed(reason: string): void {
    if (reason === this.lastError) return;
    this.lastError = reason;
    const message = `reading ${STREAMS.flags}: ${reason}; trying again every ${RETRY_MS / 1000} s`;
    if (reason === STREAM_NOT_FOUND) this.logger.debug(message);
    else this.logger.warn(message);
  }
}
