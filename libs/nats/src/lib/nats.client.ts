import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import {
  connect,
  Events,
  type JetStreamClient,
  type JetStreamManager,
  type NatsConnection,
} from 'nats';
import { AckedPublisher } from './acked-publisher';
import { NATS_OPTIONS, type NatsOptions } from './nats.options';
import { describeNatsError } from './describe-error';
import { withoutCredentials } from './redact';
import { findMissing, provision } from './provision';

const PROVISION_RETRY_MS = { first: 500, max: 10_000 };

/**
 * The app's one NATS connection. It connects in the background and reconnects forever, so the
 * app serves (and answers /health with 503) while the broker is away; it creates the app's
 * JetStream resources once connected and again after each reconnect (a server may come back with
 * an empty store). On shutdown it drains: pending publishes are flushed, subscriptions finish.
 */
@Injectable()
export class NatsClient implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(NatsClient.name);
  private connection?: NatsConnection;
  private jetStream?: JetStreamClient;
  private manager?: JetStreamManager;
  private ackedPublisher?: AckedPublisher;
  private connected = false;
  private provisioned = false;
  private provisionError = 'not yet attempted';
  private closing = false;
  private signalReady!: () => void;
  private readonly readyPromise = new Promise<void>((resolve) => (this.signalReady = resolve));

  constructor(@Inject(NATS_OPTIONS) private readonly options: NatsOptions) {}

  onModuleInit(): void {
    void this.connect();
  }

  async onApplicationShutdown(): Promise<void> {
    this.closing = true;
    if (this.connection && !this.connection.isClosed()) await this.connection.drain();
  }

  /** Resolves once connected and provisioned (the first time). */
  ready(): Promise<void> {
    return this.readyPromise;
  }

  /** True while the connection is up; a publish attempted otherwise would only wait. */
  isConnected(): boolean {
    return this.connected;
  }

  get nc(): NatsConnection {
    return this.require(this.connection);
  }

  get js(): JetStreamClient {
    return this.require(this.jetStream);
  }

  get jsm(): JetStreamManager {
    return this.require(this.manager);
  }

  /** Publishes to JetStream and waits for the stream's acknowledgement. */
  get publisher(): AckedPublisher {
    return this.require(this.ackedPublisher);
  }

  /** Null when connected with every resource in place, else the reason the app is not ready. */
  async unreadyReason(): Promise<string | null> {
    if (!this.connection || !this.connected) return `not connected to NATS at ${withoutCredentials(this.options.servers)}`;
    if (!this.provisioned) return `JetStream resources not created: ${this.provisionError}`;
    try {
      return await findMissing(this.jsm, this.options.owns, this.options.requires);
    } catch (error) {
      return `JetStream did not answer: ${describeNatsError(error)}`;
    }
  }

  private async connect(): Promise<void> {
    const { name, servers } = this.options;
    this.logger.log(`connecting to ${withoutCredentials(servers)}`);
    this.connection = await connect({
      servers,
      name,
      waitOnFirstConnect: true,
      maxReconnectAttempts: -1,
      reconnectTimeWait: 1000,
      // Notice a dead server within seconds, not the default minutes.
      pingInterval: 5000,
      maxPingOut: 3,
      // A request (every KV write, and js.publish) would otherwise capture two stack traces, to
      // decorate a timeout that almost never comes: measurable at thousands a second.
      noAsyncTraces: true,
    });
    this.jetStream = this.connection.jetstream();
    this.ackedPublisher = new AckedPublisher(this.connection);
    this.manager = await this.connection.jetstreamManager();
    this.connected = true;
    this.logger.log(`connected to ${this.connection.getServer()}`);
    void this.watchStatus(this.connection);
    await this.provisionUntilDone();
    this.signalReady();
  }

  private async watchStatus(connection: NatsConnection): Promise<void> {
    for await (const status of connection.status()) {
      if (status.type === Events.Disconnect) {
        this.connected = false;
        this.logger.warn(`disconnected from ${status.data}`);
      } else if (status.type === Events.Reconnect) {
        this.connected = true;
        this.logger.log(`reconnected to ${status.data}`);
        void this.provisionUntilDone();
      }
    }
  }

  private async provisionUntilDone(): Promise<void> {
    for (let wait = PROVISION_RETRY_MS.first; !this.closing; wait = Math.min(wait * 2, PROVISION_RETRY_MS.max)) {
      try {
        await provision(this.jsm, this.js, this.options.owns);
        this.provisioned = true;
        return;
      } catch (error) {
        this.provisionError = describeNatsError(error);
        this.logger.error(`creating JetStream resources failed, retrying in ${wait} ms: ${this.provisionError}`);
        await new Promise((resolve) => setTimeout(resolve, wait));
      }
    }
  }

  private require<T>(value: T | undefined): T {
    if (value === undefined) throw new Error('NATS is not connected yet');
    return value;
  }
}
