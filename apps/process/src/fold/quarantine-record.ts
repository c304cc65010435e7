import { STREAMS } from '@tradeflow/topology';

/** What QUARANTINE keeps of a stored message the fold set aside. */
export interface QuarantineRecord {
  partition: number;
  /** Its sequence in TRANSACTIONS. */
  seq: number;
  /** Its subject, `tx.accepted.<partition>`. */
  subject: string;
  /** Why it is no foldable trade. */
  reason: string;
  /** The message as stored: its text, or base64 when it is not UTF-8 (`encoding` says which). */
  payload: string;
  encoding: 'utf-8' | 'base64';
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

export function quarantineRecord(
  partition: number,
  seq: number,
  subject: string,
  reason: string,
  data: Uint8Array,
): QuarantineRecord {
  let payload: string;
  let encoding: QuarantineRecord['encoding'] = 'utf-8';
  try {
    payload = utf8.decode(data);
  } catch {
    payload = Buffer.from(data).toString('base64');
    encoding = 'base64';
  }
  return { partition, seq, subject, reason, payload, encoding };
}

/**
 * The record's Nats-Msg-Id, from the message's place in TRANSACTIONS: a fold that sets the same
 * message aside again (its KV write failed, or another instance folds the partition too) stores no
 * second record within QUARANTINE's duplicate window.
 */
export const quarantineMessageId = (seq: number): string => `${STREAMS.transactions}:${seq}`;
