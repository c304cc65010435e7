import type { SequencedTrade } from '@tradeflow/stats';
import { STREAMS } from '@tradeflow/topology';
import type { Trade } from '@tradeflow/trade';
import type { JetStreamClient, JetStreamManager } from 'nats';

export interface Transactions {
  trades: SequencedTrade[];
  /** The partition a trade was stored on, from its subject `tx.accepted.<n>`. */
  partitionOf: (trade: Trade) => number;
}

function partitionOfSubject(subject: string): number {
  const partition = Number(subject.slice(subject.lastIndexOf('.') + 1));
  if (!Number.isInteger(partition)) {
    throw new Error(`${STREAMS.transactions} holds a message on ${subject}, not on a partition subject`);
  }
  return partition;
}

/**
 * Every trade TRANSACTIONS holds up to its last sequence when reading starts, in stream order,
 * read with an ordered consumer (nothing to clean up: it is ephemeral).
 */
export async function readTransactions(jsm: JetStreamManager, js: JetStreamClient): Promise<Transactions> {
  const trades: SequencedTrade[] = [];
  const partitions = new Map<Trade, number>();
  const partitionOf = (trade: Trade) => partitions.get(trade) as number;
  const { state } = await jsm.streams.info(STREAMS.transactions);
  if (state.messages === 0) return { trades, partitionOf };

  const messages = await (await js.consumers.get(STREAMS.transactions)).consume();
  try {
    for await (const message of messages) {
      if (message.seq <= state.last_seq) {
        const trade = message.json<Trade>();
        partitions.set(trade, partitionOfSubject(message.subject));
        trades.push({ seq: message.seq, trade });
      }
      // The last message may have been deleted since: then the consumer has caught up before it.
      if (message.seq >= state.last_seq || message.info.pending === 0) break;
    }
  } finally {
    await messages.close();
  }
  return { trades, partitionOf };
}
