import { Logger } from '@nestjs/common';
import { decodeJson, describeNatsError, type NatsClient, nextStoredSeq, StreamReader } from '@tradeflow/nats';
import { StopSignal } from '@tradeflow/platform';
import { encodeStatsUpdate } from '@tradeflow/stats';
import { acceptedSubject, STREAMS, SUBJECTS } from '@tradeflow/topology';
import type { Trade } from '@tradeflow/trade';
import type { JsMsg } from 'nats';
import type { StatsStore } from './stats-store';

const RETRY_DELAY_MS = 1000;

/**
 * Folds one partition of TRANSACTIONS into KV. The checkpoint in KV (`total`'s lastSeq for the
 * partition) is the whole cursor: a StreamReader starts right after it, so there are no
 * acknowledgements to lose, and after any crash the fold resumes from what KV says it counted.
 * Messages are taken in batches: as many as have arrived by the KV write, up to the limit.
 */
export class PartitionFold {
  private readonly logger: Logger;
  private reader?: StreamReader;
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
    await this.reader?.close();
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
    const reader = (this.reader = await StreamReader.open(this.nats.js, this.nats.jsm, {
      stream: STREAMS.transactions,
      filterSubject: acceptedSubject(this.partition),
      startSeq: checkpoint + 1,
      batchMax: this.batchMax,
    }));
    try {
      if (this.stopSignal.stopped) return;
      for await (const taken of reader.batches()) {
        checkpoint = await this.flush(reader, taken, checkpoint);
      }
    } finally {
      await reader.close();
    }
  }

  /**
   * Writes a batch to KV, topped up, as the write starts, with what arrived after it was taken;
   * then tells the gateways what it folded, forwarding the trades as they were stored. Returns
   * the new checkpoint.
   */
  private async flush(reader: StreamReader, messages: JsMsg[], previousSeq: number): Promise<number> {
    await this.expectNextStored(previousSeq, messages[0].seq);
    const { total } = await this.store.fold({
      partition: this.partition,
      previousSeq,
      behind: messages[messages.length - 1].info.pending >= this.batchMax,
      seal: () => {
        messages.push(...reader.takeArrived(this.batchMax - messages.length));
        return messages.map(({ seq, data }) => ({ seq, trade: decodeJson<Trade>(data) }));
      },
    });
    const lastSeq = messages[messages.length - 1].seq;
    const update = encodeStatsUpdate(
      { partition: this.partition, previousSeq, lastSeq, partitionTotal: total },
      messages.map(({ data }) => data),
    );
    this.nats.nc.publish(SUBJECTS.statsUpdates, update);
    return lastSeq;
  }

  /**
   * Asks the stream's leader for the partition's first trade after the checkpoint: a consumer on a
   * replica that lacks some of the stream (catching up, or with a hole after a crash) delivers in
   * order what it has, so a contiguous delivery does not prove that nothing was skipped.
   */
  private async expectNextStored(previousSeq: number, firstSeq: number): Promise<void> {
    const next = await nextStoredSeq(this.nats.jsm, STREAMS.transactions, acceptedSubject(this.partition), previousSeq + 1);
    if (next !== firstSeq) {
      throw new Error(`the reader of partition ${this.partition} skipped from ${previousSeq} to ${firstSeq}; the stream's next is ${next}`);
    }
  }
}
