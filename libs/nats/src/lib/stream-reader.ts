import {
  AckPolicy,
  ConsumerEvents,
  type ConsumerMessages,
  DeliverPolicy,
  type JetStreamClient,
  type JetStreamManager,
  type JsMsg,
  nanos,
  nuid,
} from 'nats';

export interface StreamReadOptions {
  stream: string;
  filterSubject: string;
  /** The first stream sequence to read. */
  startSeq: number;
  /** The most messages in a batch, and the most pulled ahead of the reader. */
  batchMax: number;
}

interface Waiter {
  promise: Promise<void>;
  resolve(): void;
}

function waiter(): Waiter {
  let resolve!: () => void;
  const promise = new Promise<void>((done) => (resolve = done));
  return { promise, resolve };
}

/** How long the server keeps a reader's consumer once nothing pulls from it (its reader died). */
const ABANDONED_AFTER_MS = 60_000;
/**
 * How long a pull waits; the server sends a heartbeat every half of it. A consumer lives on one
 * server of a cluster: when that server dies, only the missing heartbeats tell, so they come every
 * 2 s (nats.js's default of 15 s stalled a partition for 30 s).
 */
const PULL_EXPIRES_MS = 4_000;
/** Heartbeats missed in a row after which the consumer is taken for gone. */
const MISSED_HEARTBEATS = 2;

/**
 * Reads one subject of a stream in order from a sequence on, in batches, as an ordered consumer
 * does: an ephemeral pull consumer in memory, without acknowledgements. Unlike nats.js's ordered
 * consumer, which pulls again as soon as messages arrive however many wait unread (so a reader
 * slower than the server piles them up without limit, and spends its time collecting garbage),
 * this one holds at most batchMax messages, and nats.js pulls more only as they are taken. A gap in
 * delivery (a message lost to a slow-consumer cut) or a consumer lost with its server ends the
 * reading with an error; the reader resumes from its own checkpoint.
 */
export class StreamReader {
  private readonly arrived: JsMsg[] = [];
  private readonly receiving: Promise<void>;
  private waiter?: Waiter;
  private failure?: unknown;
  private ended = false;
  private closed = false;

  private constructor(
    private readonly jsm: JetStreamManager,
    private readonly options: StreamReadOptions,
    private readonly consumerName: string,
    private readonly messages: ConsumerMessages,
  ) {
    this.receiving = this.receive();
    void this.watchHeartbeats();
  }

  static async open(js: JetStreamClient, jsm: JetStreamManager, options: StreamReadOptions): Promise<StreamReader> {
    const { name } = await jsm.consumers.add(options.stream, {
      name: `reader_${nuid.next()}`,
      filter_subject: options.filterSubject,
      deliver_policy: DeliverPolicy.StartSequence,
      opt_start_seq: options.startSeq,
      ack_policy: AckPolicy.None,
      max_deliver: 1,
      mem_storage: true,
      num_replicas: 1,
      inactive_threshold: nanos(ABANDONED_AFTER_MS),
    });
    const consumer = await js.consumers.get(options.stream, name);
    const messages = await consumer.consume({
      max_messages: options.batchMax,
      expires: PULL_EXPIRES_MS,
      abort_on_missing_resource: true,
    });
    return new StreamReader(jsm, options, name, messages);
  }

  /**
   * Batches of the messages in stream order: each is what has arrived since the last was taken,
   * up to batchMax, so a batch never waits for messages yet to come. Ends once closed.
   */
  async *batches(): AsyncGenerator<JsMsg[]> {
    for (;;) {
      while (this.arrived.length === 0 && !this.ended && !this.closed) await this.nextChange();
      if (this.failure) throw this.failure;
      if (this.closed || this.arrived.length === 0) return;
      yield this.takeArrived(this.options.batchMax);
    }
  }

  /**
   * Takes at once up to `max` of the messages that have arrived, the next in order after the last
   * batch: a reader holding a batch can add to it what came meanwhile.
   */
  takeArrived(max: number): JsMsg[] {
    const taken = this.arrived.splice(0, max);
    if (taken.length > 0) this.signalChange();
    return taken;
  }

  /** Stops reading and deletes the consumer: the batch in hand is the last. */
  async close(): Promise<void> {
    this.closed = true;
    this.signalChange();
    // nats.js ends the iteration from within it (so receive() is woken to finish it), and never
    // resolves this promise if the iteration ended otherwise: waiting for receive() covers both.
    void this.messages.close();
    await this.receiving;
    await this.jsm.consumers.delete(this.options.stream, this.consumerName).catch(() => undefined);
  }

  /** Takes messages from nats.js while fewer than batchMax wait here, and checks their order. */
  private async receive(): Promise<void> {
    let delivered = 0;
    try {
      for await (const message of this.messages) {
        if (message.info.deliverySequence !== ++delivered) {
          throw new Error(
            `delivery of ${this.options.filterSubject} skipped from ${delivered} to ${message.info.deliverySequence}`,
          );
        }
        this.arrived.push(message);
        this.signalChange();
        while (this.arrived.length >= this.options.batchMax && !this.closed) await this.nextChange();
      }
    } catch (error) {
      this.failure = error;
    } finally {
      this.ended = true;
      this.signalChange();
    }
  }

  /**
   * Ends the reading when the consumer's heartbeats stop: nats.js would ask the consumer's server
   * for its info, and wait on, while that server is gone.
   */
  private async watchHeartbeats(): Promise<void> {
    for await (const status of await this.messages.status()) {
      if (status.type === ConsumerEvents.HeartbeatsMissed && Number(status.data) >= MISSED_HEARTBEATS) {
        this.failure ??= new Error(
          `the consumer reading ${this.options.filterSubject} missed ${String(status.data)} heartbeats`,
        );
        this.messages.stop();
        return;
      }
    }
  }

  private nextChange(): Promise<void> {
    this.waiter ??= waiter();
    return this.waiter.promise;
  }

  /** Wakes whichever side waits: batches() for messages, receive() for room. */
  private signalChange(): void {
    this.waiter?.resolve();
    this.waiter = undefined;
  }
}
