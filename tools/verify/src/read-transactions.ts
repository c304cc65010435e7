import type { PartitionMessage } from '@tradeflow/fold';
import { STREAMS, SUBJECTS } from '@tradeflow/topology';
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

/** Reads of one replica's copy before giving up on one that agrees with the stream's leader. */
const READ_ATTEMPTS = 3;

/**
 * Every message TRANSACTIONS holds up to its last sequence when reading starts, in stream order,
 * as stored (whether each is a trade is for the recount to decide, as the fold does). An ordered
 * consumer reads one server's copy of the stream, which on a cluster may lag or, after a restart of
 * every node on nats-server 2.9, hold messages under other sequences: so the messages read of each
 * subject are counted against the stream leader's count, and the copy read again (the consumer
 * may land on another server) until they agree.
 */
export async function readTransactions(
  jsm: JetStreamManager,
  js: JetStreamClient,
  partitions: number,
): Promise<Transactions> {
  for (let attempt = 1; ; attempt++) {
    // One answer of the leader: the last sequence and each subject's count at that sequence.
    const { state } = await jsm.streams.info(STREAMS.transactions, { subjects_filter: SUBJECTS.accepted });
    if (state.messages === 0) return { messages: [], outside: 0 };
    const { read, counts } = await readCopy(js, state.last_seq, partitions);
    const disagreement = Object.entries(state.subjects ?? {}).find(([subject, count]) => counts.get(subject) !== count);
    if (!disagreement) return read;
    if (attempt === READ_ATTEMPTS) {
      const [subject, count] = disagreement;
      throw new Error(
        `the copy of it read holds ${counts.get(subject) ?? 0} messages on ${subject}, its leader ${count} (${attempt} reads)`,
      );
    }
  }
}

async function readCopy(js: JetStreamClient, lastSeq: number, partitions: number) {
  const read: Transactions = { messages: [], outside: 0 };
  const counts = new Map<string, number>();
  const messages = await (await js.consumers.get(STREAMS.transactions)).consume();
  try {
    for await (const message of messages) {
      if (message.seq <= lastSeq) {
        counts.set(message.subject, (counts.get(message.subject) ?? 0) + 1);
        const partition = partitionOfSubject(message.subject, partitions);
        if (partition === undefined) read.outside++;
        else read.messages.push({ seq: message.seq, partition, data: message.data });
      }
      // The last message may have been deleted since: then the consumer has caught up before it.
      if (message.seq >= lastSeq || message.info.pending === 0) break;
    }
  } finally {
    await messages.close();
  }
  return { read, counts };
}
