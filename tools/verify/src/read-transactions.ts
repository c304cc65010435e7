import type { PartitionMessage } from '@tradeflow/stats';
import { STREAMS } from '@tradeflow/topology';
import type { JetStreamClient, JetStreamManager } from 'nats';

export interface Transactions {
  /** The messages of the partitions' subjects `tx.accepted.<n>`, n below TX_PARTITIONS, as stored. */
  messages: PartitionMessage[];
  /** Messages on a subject that is no partition's (`tx.accepted.x`, or n too high): no fold reads them. */
  outside: number;
}

/** `n` of `tx.accepted.<n>`, or undefined when the subject is no partition's. */
function partitionOfSubject(subject: string, partitions: number): number | undefined {
  const token = subject.slice(subject.lastIndexOf('.') + 1);
  const partition = Number(token);
  return /^\d+$/.test(token) && partition < partitions ? partition : undefined;
}

/**
 * Every message TRANSACTIONS holds up to its last sequence when reading starts, in stream order,
 * as stored (whether each is a trade is for the recount to decide, as the fold does), read with an
 * ordered consumer (nothing to clean up: it is ephemeral).
 */
export async function readTransactions(jsm: JetStreamManager, js: JetStreamClient, partitions: number): Promise<Transactions> {
  const read: Transactions = { messages: [], outside: 0 };
  const { state } = await jsm.streams.info(STREAMS.transactions);
  if (state.messages === 0) return read;

  const messages = await (await js.consumers.get(STREAMS.transactions)).consume();
  try {
    for await (const message of messages) {
      if (message.seq <= state.last_seq) {
        const partition = partitionOfSubject(message.subject, partitions);
        if (partition === undefined) read.outside++;
        else read.messages.push({ seq: message.seq, partition, data: message.data });
      }
      // The last message may have been deleted since: then the consumer has caught up before it.
      if (message.seq >= state.last_seq || message.info.pending === 0) break;
    }
  } finally {
    await messages.close();
  }
  return read;
}
