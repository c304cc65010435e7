import { createInbox, headers, type Msg, type MsgHdrs, type NatsConnection } from 'nats';
import { decodeJson } from './json';

export interface AckedPublishOptions {
  /** Nats-Msg-Id: the stream stores a message id once within its duplicate window. */
  msgID: string;
  /** The stream that must store the message; another one capturing the subject refuses it. */
  expectStream: string;
  timeoutMs: number;
}

/** JetStream's acknowledgement: where the message is stored. */
export interface PubAck {
  stream: string;
  seq: number;
  duplicate?: boolean;
}

/** JetStream refused the message, or did not answer: the message is not known to be stored. */
export class PublishNotAcknowledgedError extends Error {}

/** Told how each publish ended, by the stream it was for (an app's metrics). Must not throw. */
export interface PublishObserver {
  /** Stored: the acknowledgement came this long after the publish was asked for. */
  acknowledged(stream: string, seconds: number): void;
  /** Refused, unanswered in time, or not sent. */
  failed(stream: string): void;
}

interface Outgoing {
  subject: string;
  data: Uint8Array;
  token: string;
  headers: MsgHdrs;
}

interface Waiting {
  subject: string;
  stream: string;
  /** performance.now() when the publish was asked for. */
  startedAt: number;
  resolve(ack: PubAck): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
}

/** The acknowledgement or JetStream's error; undefined when it is not JSON (it always is). */
function readAck(data: Uint8Array): (PubAck & { error?: { description: string } }) | undefined {
  try {
    return decodeJson(data);
  } catch {
    return undefined;
  }
}

/**
 * Publishes to JetStream and resolves with the stream's acknowledgement, as nats.js's js.publish
 * does, with the same headers, but with the acknowledgements of all publishes coming to one
 * subscription of its own. js.publish is a request, and nats.js ends every request it resolves
 * by building an error (a stack trace each) to cancel it: at thousands of trades a second that
 * was a tenth of ingest's time, and much of its garbage.
 */
export class AckedPublisher {
  private readonly replyPrefix = `${createInbox()}.`;
  private readonly waiting = new Map<string, Waiting>();
  private outbox: Outgoing[] = [];
  private sent = 0;
  private observer?: PublishObserver;

  constructor(private readonly nc: NatsConnection) {
    nc.subscribe(`${this.replyPrefix}*`, { callback: (_error, reply) => this.settle(reply) });
  }

  /** From now on, `observer` is told how each publish ends. */
  observe(observer: PublishObserver): void {
    this.observer = observer;
  }

  publish(subject: string, data: Uint8Array, options: AckedPublishOptions): Promise<PubAck> {
    const token = (this.sent++).toString(36);
    const messageHeaders = headers();
    messageHeaders.set('Nats-Msg-Id', options.msgID);
    messageHeaders.set('Nats-Expected-Stream', options.expectStream);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () =>
          this.fail(
            token,
            new PublishNotAcknowledgedError(`no acknowledgement from JetStream within ${options.timeoutMs} ms`),
          ),
        options.timeoutMs,
      );
      const stream = options.expectStream;
      this.waiting.set(token, { subject, stream, startedAt: performance.now(), resolve, reject, timer });
      if (this.outbox.push({ subject, data, token, headers: messageHeaders }) === 1)
        setImmediate(() => this.sendOutbox());
    });
  }

  /**
   * Hands nats.js the publishes of a whole turn of the event loop at once, which it writes to the
   * socket together: one write for the trades of many HTTP requests, not one each.
   */
  private sendOutbox(): void {
    const outbox = this.outbox;
    this.outbox = [];
    for (const { subject, data, token, headers: messageHeaders } of outbox) {
      try {
        this.nc.publish(subject, data, { reply: this.replyPrefix + token, headers: messageHeaders });
      } catch (error) {
        this.fail(token, error as Error);
      }
    }
  }

  private settle(reply: Msg): void {
    const waiting = this.end(reply.subject.slice(this.replyPrefix.length));
    if (!waiting) return; // answered after its timeout
    // No subscriber on the subject: no stream captures it (the server answers 503 itself).
    if (reply.headers?.code === 503) {
      return this.reject(waiting, new PublishNotAcknowledgedError(`no stream stores ${waiting.subject}`));
    }
    const ack = readAck(reply.data);
    if (!ack || ack.error) {
      return this.reject(
        waiting,
        new PublishNotAcknowledgedError(ack?.error?.description ?? 'an unreadable acknowledgement'),
      );
    }
    this.observer?.acknowledged(waiting.stream, (performance.now() - waiting.startedAt) / 1000);
    waiting.resolve(ack);
  }

  private fail(token: string, error: Error): void {
    const waiting = this.end(token);
    if (waiting) this.reject(waiting, error);
  }

  private reject(waiting: Waiting, error: Error): void {
    this.observer?.failed(waiting.stream);
    waiting.reject(error);
  }

  private end(token: string): Waiting | undefined {
    const waiting = this.waiting.get(token);
    if (!waiting) return undefined;
    this.waiting.delete(token);
    clearTimeout(waiting.timer);
    return waiting;
  }
}
