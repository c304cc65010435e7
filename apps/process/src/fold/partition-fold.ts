import { Logger } from '@nestjs/common';
import { encodeStatsUpdate } from '@tradeflow/contract';
import { describeNatsError, encodeJson, type NatsClient, nextStoredSeq, StreamReader } from '@tradeflow/nats';
import { StopSignal } from '@tradeflow/platform';
import { type SequencedMessage, sequencedMessage } from '@tradeflow/fold';
import { acceptedSubject, STREAMS, SUBJECTS } from '@tradeflow/topology';
import type { JsMsg } from 'nats';
import type { FoldHealth } from './fold-health';
import { quarantineMessageId, quarantineRecord } from './quarantine-record';
import type { StatsStore } from './stats-store';

const RETRY_DELAY_MS = 1000;
/** Longest wait for QUARANTINE's acknowledgement of a record; the batch is retried after it. */
const QUARANTINE_TIMEOUT_MS = 5000;

export interface PartitionFoldOptions {
  /** Most messages folded by one KV write. */
  batchMax: number;
  /** TX_PARTITIONS: a trade on this partition's subject must belong to it. */
  partitions: number;
}

/**
 * Folds one partition of TRANSACTIONS into KV. The checkpoint in KV (the lastSeq of the
 * partition's value) is the whole cursor: a StreamReader starts right after it, so there are no
 * acknowledgements to lose, and after any crash the fold resumes from what KV says it counted.
 * Messages are taken in batches: as many as have arrived by the KV write, up to the limit.
 * A message that is no foldable trade (checkStoredTrade) is recorded in QUARANTINE, acknowledged
 * there before the write that counts it as quarantined, and the fold goes on past it.
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
    private readonly options: PartitionFoldOptions,
    /** Told when the fold starts reading, writes, and fails: whether the partition moves. */
    private readonly health: FoldHealth,
  ) {
    this.logger = new Logger(`PartitionFold ${partition}`);
  }

  private get batchMax(): number {
    return this.options.batchMax;
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
      (error) => {
        const reason = describeNatsError(error);
        this.health.failed(this.partition, reason);
        this.logger.error(`folding failed, resuming from the KV checkpoint: ${reason}`);
      },
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
    this.health.opened(this.partition, checkpoint);
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
    let decided: SequencedMessage[] = [];
    const { total } = await this.store.fold({
      partition: this.partition,
      previousSeq,
      behind: messages[messages.length - 1].info.pending >= this.batchMax,
      seal: async () => {
        messages.push(...reader.takeArrived(this.batchMax - messages.length));
        decided = messages.map(({ seq, data }) =>
          sequencedMessage({ seq, partition: this.partition, data }, this.options.partitions),
        );
        await this.quarantine(messages, decided);
        return decided;
      },
    });
    const lastSeq = messages[messages.length - 1].seq;
    const update = encodeStatsUpdate(
      { partition: this.partition, previousSeq, lastSeq, partitionTotal: total },
      messages.filter((_, index) => 'trade' in decided[index]).map(({ data }) => data),
    );
    this.nats.nc.publish(SUBJECTS.statsUpdates, update);
    this.health.progressed(this.partition, lastSeq);
    return lastSeq;
  }

  /**
   * Records the batch's messages that are no foldable trade in QUARANTINE and waits for the
   * stream's acknowledgements: only then may the write count them. A refold of the same message
   * is a duplicate by its id, stored once.
   */
  private async quarantine(messages: JsMsg[], decided: SequencedMessage[]): Promise<void> {
    const recording: Promise<unknown>[] = [];
    decided.forEach((item, index) => {
      if (!('quarantined' in item)) return;
      const { seq, subject, data } = messages[index];
      this.logger.warn(`set aside ${subject} seq ${seq} in ${STREAMS.quarantine}: ${item.quarantined}`);
      const record = quarantineRecord(this.partition, seq, subject, item.quarantined, data);
      recording.push(
        this.nats.publisher.publish(SUBJECTS.quarantined, encodeJson(record), {
          msgID: quarantineMessageId(seq),
          expectStream: STREAMS.quarantine,
          timeoutMs: QUARANTINE_TIMEOUT_MS,
        }),
      );
    });
    await Promise.all(recording);
  }

  /**
   * Asks the stream's leader for the partition's first trade after the checkpoint: a consumer on a
   * replica that lacks some of the stream (catching up, or with a hole after a crash) delivers in
   * order what it has, so a contiguous delivery does not prove that nothing was skipped.
   */
  private async expectNextStored(previousSeq: number, firstSeq: number): Promise<void> {
    const next = await nextStoredSeq(
      this.nats.jsm,
      STREAMS.transactions,
      acceptedSubject(this.partition),
      previousSeq + 1,
    );
    if (next !== firstSeq) {
      throw new Error(
        `the reader of partition ${this.partition} skipped from ${previousSeq} to ${firstSeq}; the stream's next is ${next}`,
      );
    }
  }
}
