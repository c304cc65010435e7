import {
  AckPolicy,
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

/** How long the server keeps a reader's consumer once nothing pulls from it (its reader died). */
const ABANDONED_AFTER_MS = 60_000;

/**
 * Reads one subject of a stream in order from a sequence on, in batches, as an ordered consumer
 * does: an ephemeral pull consumer in memory, without acknowledgements. Unlike nats.js's ordered
 * consumer, which pulls again as soon as messages arrive however many wait unread (so a reader
 * slower than the server piles them up without limit, and spends its time collecting garbage),
 * the next pull goes out only once the reader has taken what came before it. A gap in delivery
 * (a message lost to a slow-consumer cut) or a consumer lost with its server ends the reading with
 * an error; the reader resumes from its own checkpoint.
 */
export class StreamReader {
  private constructor(
    private readonly jsm: JetStreamManager,
    private readonly options: StreamReadOptions,
    private readonly consumerName: string,
    private readonly messages: ConsumerMessages,
  ) {}

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
    const messages = await consumer.consume({ max_messages: options.batchMax, abort_on_missing_resource: true });
    return new StreamReader(jsm, options, name, messages);
  }

  /**
   * Batches of the messages in stream order: up to batchMax, ending early with the last message
   * the stream holds, so that a batch never waits for messages yet to be published.
   */
  async *batches(): AsyncGenerator<JsMsg[]> {
    let batch: JsMsg[] = [];
    let delivered = 0;
    for await (const message of this.messages) {
      if (message.info.deliverySequence !== ++delivered) {
        throw new Error(`delivery of ${this.options.filterSubject} skipped from ${delivered} to ${message.info.deliverySequence}`);
      }
      batch.push(message);
      // What the stream held beyond this message when it was sent: in the client's buffer by now,
      // or on its way once the reader has taken enough for the next pull to go out.
      const moreInStream = message.info.pending > 0;
      if (batch.length < this.options.batchMax && moreInStream) continue;
      yield batch;
      batch = [];
    }
  }

  /**
   * Stops reading and deletes the consumer. A reading loop ends once it asks for the next batch:
   * the batch in hand is the last.
   */
  async close(): Promise<void> {
    // Not awaited: nats.js resolves it from within the iteration, which may be over already.
    void this.messages.close();
    await this.jsm.consumers.delete(this.options.stream, this.consumerName).catch(() => undefined);
  }
}
