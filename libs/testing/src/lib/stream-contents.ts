import type { NatsConnection } from 'nats';

export interface StoredMessage<T = unknown> {
  subject: string;
  sequence: number;
  headers: Record<string, string>;
  data: T;
}

/** Every message a stream holds now, in order, decoded as JSON. */
export async function streamContents<T = unknown>(nc: NatsConnection, stream: string): Promise<StoredMessage<T>[]> {
  const jsm = await nc.jetstreamManager();
  const { state } = await jsm.streams.info(stream);
  const messages: StoredMessage<T>[] = [];
  for (let sequence = state.first_seq; state.messages && sequence <= state.last_seq; sequence++) {
    const message = await jsm.streams.getMessage(stream, { seq: sequence }).catch(() => null);
    if (!message) continue; // deleted (work-queue acknowledgement, limits)
    const headers: Record<string, string> = {};
    for (const [name, values] of message.header ?? []) headers[name] = values[0];
    messages.push({ subject: message.subject, sequence, headers, data: message.json<T>() });
  }
  return messages;
}
