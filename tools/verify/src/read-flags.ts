import { STREAMS } from '@tradeflow/topology';
import type { JetStreamClient, JetStreamManager } from 'nats';

/** A message of FLAGS as stored. */
export interface StoredFlag {
  subject: string;
  data: Uint8Array;
}

export interface StoredFlags {
  messages: StoredFlag[];
  /** Whether FLAGS has let messages go (its first sequence is past 1): its limits drop the oldest. */
  trimmed: boolean;
}

/** Reads of one server's copy before giving up on one that holds as many messages as the stream's leader says. */
const READ_ATTEMPTS = 3;

/**
 * Every message FLAGS holds up to its last sequence when reading starts, in stream order. An
 * ordered consumer reads one server's copy, which on a cluster may lag: the count read is checked
 * against the leader's, and the copy read again until they agree.
 */
export async function readFlags(jsm: JetStreamManager, js: JetStreamClient): Promise<StoredFlags> {
  for (let attempt = 1; ; attempt++) {
    const { state } = await jsm.streams.info(STREAMS.flags);
    const trimmed = state.first_seq > 1;
    if (state.messages === 0) return { messages: [], trimmed };
    const messages = await readCopy(js, state.last_seq);
    if (messages.length === state.messages) return { messages, trimmed };
    if (attempt === READ_ATTEMPTS) {
      throw new Error(`the copy of it read holds ${messages.length} messages, its leader ${state.messages}`);
    }
  }
}

async function readCopy(js: JetStreamClient, lastSeq: number): Promise<StoredFlag[]> {
  const read: StoredFlag[] = [];
  const messages = await (await js.consumers.get(STREAMS.flags)).consume();
  try {
    for await (const message of messages) {
      if (message.seq <= lastSeq) read.push({ subject: message.subject, data: message.data });
      if (message.seq >= lastSeq || message.info.pending === 0) break;
    }
  } finally {
    await messages.close();
  }
  return read;
}
