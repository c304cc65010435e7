import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { TradeFields } from '@tradeflow/contract';
import { NatsClient } from '@tradeflow/nats';
import { acceptedSubject, partitionOf, STREAMS } from '@tradeflow/topology';
import { DeliverPolicy, type JetStreamClient } from 'nats';
import type { IngestEnvironment } from '../app/ingest.environment';

/** Messages read at once; only their headers travel. */
const BATCH = 1000;
/** How long a read waits for messages that are not there: the end of the stream. */
const EXPIRES_MS = 1000;

/**
 * Whether a stream holds a message with this Nats-Msg-Id on `subject`, stored between two
 * instants: read with an ordered consumer from the first on, headers only, until a message
 * stored after the last or the end of the stream.
 */
export async function storedBetween(
  js: JetStreamClient,
  stream: string,
  subject: string,
  msgId: string,
  from: Date,
  to: Date,
): Promise<boolean> {
  const consumer = await js.consumers.get(stream, {
    filterSubjects: subject,
    deliver_policy: DeliverPolicy.StartTime,
    opt_start_time: from.toISOString(),
    headers_only: true,
  });
  try {
    for (;;) {
      let read = 0;
      for await (const message of await consumer.fetch({ max_messages: BATCH, expires: EXPIRES_MS })) {
        read++;
        if (message.info.timestampNanos / 1e6 > to.getTime()) return false;
        if (message.headers?.get('Nats-Msg-Id') === msgId) return true;
        if (message.info.pending === 0) return false;
      }
      if (read === 0) return false;
    }
  } finally {
    await consumer.delete().catch(() => undefined);
  }
}

/**
 * Whether TRANSACTIONS holds a trade, by its id (its Nats-Msg-Id), on its partition: asked of an
 * Idempotency-Key whose claim was never confirmed (see KeyClaims), a crash or a 503 followed by a
 * late retry, so rarely.
 */
@Injectable()
export class TransactionsLookup {
  private readonly partitions: number;

  constructor(
    private readonly nats: NatsClient,
    config: ConfigService<IngestEnvironment, true>,
  ) {
    this.partitions = config.get('TX_PARTITIONS', { infer: true });
  }

  storedBetween(trade: TradeFields, id: string, from: Date, to: Date): Promise<boolean> {
    const subject = acceptedSubject(partitionOf(trade.userId, this.partitions));
    return storedBetween(this.nats.js, STREAMS.transactions, subject, id, from, to);
  }
}
