import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { retryWithBackoff, StopSignal } from '@tradeflow/platform';
import {
  connect,
  ErrorCode,
  Events,
  type JetStreamClient,
  type JetStreamManager,
  type NatsConnection,
  type NatsError,
} from 'nats';
import { AckedPublisher, type PublishObserver } from './acked-publisher';
import { NATS_OPTIONS, type NatsOptions } from './nats.options';
import { describeNatsError } from './describe-error';
import { findMissing, provision } from './provision';

const RETRY_MS = { firstDelayMs: 500, maxDelayMs: 10_000 };

/**
 * The app's one NATS connection. It connects in the background and reconnects forever, so the
 * app serves (and answers /health with 503) while the broker is away; it creates the app's
 * JetStream resources once connected and again after each reconnect (a server may come back with
 * an empty store). A server that refuses the connection, or runs without JetStream, is retried
 * the same way, its reason in /health. On shutdown it drains: pending publishes are flushed,
 * subscriptions finish.
 */
@Injectable()
export class NatsClient implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(NatsClient.name);
  private connection?: NatsConnection;
  private jetStream?: JetStreamClient;
  private manager?: JetStreamManager;
  private ackedPublisher?: AckedPublisher;
  private publishObserver?: PublishObserver;
  private connected = false;
  private provisioned = false;
  /** Why each step of the start last failed, for /health while it is retried. */
  private connectError?: string;
  private jetStreamError = 'not yet asked';
  private provisionError = 'not yet attempted';
  private readonly stopSignal = new StopSignal();
  private signalReady!: () => void;
  private readonly readyPromise = new Promise<void>((resolve) => (this.signalReady = resolve));

  constructor(@Inject(NATS_OPTIONS) private readonly options: NatsOptions) {}

  onModuleInit(): void {
    // Never rejects: each step is retried until it succeeds or the app stops.
    void this.start();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopSignal.stop();
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

  /** Tells `observer` how each publish of `publisher` ends, whether connected yet or not. */
  observePublishes(observer: PublishObserver): void {
    this.publishObserver = observer;
    this.ackedPublisher?.observe(observer);
  }

  /** Null when connected with every resource in place, else the reason the app is not ready. */
  async unreadyReason(): Promise<string | null> {
    const notConnected = `not connected to NATS at ${this.options.shownServers}`;
    if (!this.connection) return this.connectError ? `${notConnected}: ${this.connectError}` : notConnected;
    if (!this.connected) return notConnected;
    if (!this.manager) return `JetStream not available: ${this.jetStreamError}`;
    if (!this.provisioned) return `JetStream resources not created: ${this.provisionError}`;
    try {
      return await findMissing(this.manager, this.options.owns, this.options.requires);
    } catch (error) {
      return `JetStream did not answer: ${describeNatsError(error)}`;
    }
  }

  private async start(): Promise<void> {
    const servers = this.options.shownServers;
    this.logger.log(`connecting to ${servers}`);
    const connection = await this.retry(
      () => this.open(),
      (reason, retryInMs) => {
        this.connectError = reason;
        this.logger.error(`connecting to ${servers} failed, retrying in ${retryInMs} ms: ${reason}`);
      },
    );
    if (!connection) return;
    if (this.stopSignal.stopped) {
      await connection.close(); // connected while the app was stopping
      return;
    }
    this.connection = connection;
    this.jetStream = connection.jetstream();
    this.ackedPublisher = new AckedPublisher(connection);
    if (this.publishObserver) this.ackedPublisher.observe(this.publishObserver);
    this.connected = true;
    this.logger.log(`connected to ${connection.getServer()}`);
    void this.watchStatus(connection);
    this.manager = await this.retry(
      () => openJetStreamManager(connection),
      (reason, retryInMs) => {
        this.jetStreamError = reason;
        this.logger.error(
          `JetStream not available at ${connection.getServer()}, retrying in ${retryInMs} ms: ${reason}`,
        );
      },
    );
    if (!this.manager) return;
    await this.provisionUntilDone();
    if (this.provisioned) this.signalReady();
  }

  private open(): Promise<NatsConnection> {
    return connect({
      ...this.options.connection,
      name: this.options.name,
      // While no server answers, nats.js tries again by itself; it gives up (and is retried here)
      // only when a server refuses the client.
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
  }

  private async watchStatus(connection: NatsConnection): Promise<void> {
    for await (const status of connection.status()) {
      if (status.type === Events.Disconnect) {
        this.connected = false;
        this.logger.warn(`disconnected from ${status.data}`);
      } else if (status.type === Events.Reconnect) {
        this.connected = true;
        this.logger.log(`reconnected to ${status.data}`);
        // Before the first provisioning is done, start() is still at it.
        if (this.provisioned) void this.provisionUntilDone();
      }
    }
  }

  private async provisionUntilDone(): Promise<void> {
    await this.retry(
      async () => {
        await provision(this.jsm, this.js, this.options.owns);
        this.provisioned = true;
      },
      (reason, retryInMs) => {
        this.provisionError = reason;
        this.logger.error(`creating JetStream resources failed, retrying in ${retryInMs} ms: ${reason}`);
      },
    );
  }

  /** Runs one step until it succeeds or the app stops, telling `failed` each failure's reason. */
  private retry<T>(attempt: () => Promise<T>, failed: (reason: string, retryInMs: number) => void) {
    return retryWithBackoff(attempt, {
      ...RETRY_MS,
      signal: this.stopSignal.signal,
      onFailure: (error, retryInMs) => failed(describeNatsError(error), retryInMs),
    });
  }

  private require<T>(value: T | undefined): T {
    if (value === undefined) throw new Error('NATS is not connected yet');
    return value;
  }
}

/**
 * JetStream's manager, once the server has answered for the account's JetStream. No answer at
 * all ("503", no responders) means the server runs without JetStream.
 */
async function openJetStreamManager(connection: NatsConnection): Promise<JetStreamManager> {
  try {
    return await connection.jetstreamManager();
  } catch (error) {
    const noResponders = (error as NatsError).code === ErrorCode.JetStreamNotEnabled && !(error as NatsError).api_error;
    throw noResponders ? new Error('not enabled on the server') : error;
  }
}
