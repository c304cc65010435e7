import { Logger } from '@nestjs/common';
import { describeNatsError, type NatsClient } from '@tradeflow/nats';
import { StopSignal } from '@tradeflow/platform';
import { type SequencedTrade, statsUpdateJson } from '@tradeflow/stats';
import { acceptedSubject, STREAMS, SUBJECTS } from '@tradeflow/topology';
import type { Trade } from '@tradeflow/trade';
import { DeliverPolicy, type ConsumerMessages } from 'nats';
import type { StatsStore } from './stats-store';

const RETRY_DELAY_MS = 1000;

/**
 * Folds one partition of TRANSACTIONS into KV. The checkpoint in KV (`total`'s lastSeq for the
 * partition) is the whole cursor: an ordered consumer starts right after it, so there are no
 * acknowledgements to lose, and after any crash the fold resumes from what KV says it counted.
 * Messages are taken in batches: as many as have arrived, up to the limit, one KV write each.
 */
export class PartitionFold {
  private readonly logger: Logger;
  private messages?: ConsumerMessages;
  private running?: Promise<void>;
  private readonly stopSignal = new StopSignal();

  constructor(
    private readonly partition: number,
    private readonly nats: NatsClient,
    private readonly store: StatsStore,
    private readonly batchMax: number,
  ) {
    this.logger = new Logger(`PartitionFold ${partition}`);
  }

  start(): void {
    this.running = this.run();
  }

  /** Stops taking messages and finishes the batch in hand. */
  async stop(): Promise<void> {
    this.stopSignal.stop();
    await this.messages?.close();
    await this.running;
  }

  private run(): Promise<void> {
    return this.stopSignal.repeat(
      () => this.consume(),
      (error) => this.logger.error(`folding failed, resuming from the KV checkpoint: ${describeNatsError(error)}`),
      RETRY_DELAY_MS,
    );
  }

  private async consume(): Promise<void> {
    let checkpoint = await this.store.checkpoint(this.partition);
    const consumer = await this.nats.js.consumers.get(STREAMS.transactions, {
      filterSubjects: acceptedSubject(this.partition),
      deliver_policy: DeliverPolicy.StartSequence,
      opt_start_seq: checkpoint + 1,
    });
    const messages = (this.messages = await consumer.consume({ max_messages: this.batchMax }));
    try {
      if (this.stopSignal.stopped) return;
      let batch: SequencedTrade[] = [];
      let batchJson: string[] = [];
      for await (const message of messages) {
        const json = message.string();
        batch.push({ seq: message.seq, trade: JSON.parse(json) as Trade });
        batchJson.push(json);
        // More is coming (already in the client's buffer while a write was under way, or still in
        // the stream): keep gathering, so one KV write covers as many trades as have arrived.
        // The stream's count is read only once the buffer is empty: parsing it costs per message.
        const moreArrived = messages.getPending() > 1 /* this one */ || message.info.pending > 0;
        if (batch.length < this.batchMax && moreArrived) continue;
        checkpoint = await this.flush(batch, batchJson, checkpoint);
        batch = [];
        batchJson = [];
      }
    } finally {
      await messages.close();
    }
  }

  /**
   * Writes the batch to KV, then tells the gateways what it folded, forwarding the trades as they
   * were stored. Returns the new checkpoint.
   */
  private async flush(batch: SequencedTrade[], batchJson: string[], previousSeq: number): Promise<number> {
    const { total } = await this.store.fold(this.partition, batch);
    const lastSeq = batch[batch.length - 1].seq;
    const update = statsUpdateJson({ partition: this.partition, previousSeq, lastSeq, total }, batchJson);
    this.nats.nc.publish(SUBJECTS.statsUpdates, update);
    return lastSeq;
  }
}
