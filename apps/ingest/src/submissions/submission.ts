import { SUBJECTS } from '@tradeflow/topology';
import { tradeId } from '@tradeflow/trade';
import { Match, type JsMsg } from 'nats';
import type { QueuedSubmission } from '../intake/intake-input';
import type { DescribeIntake } from '../intake/intake-policy';

const decoder = new TextDecoder();

/**
 * A tx.submit message for the intake. Its id comes from the publisher's Idempotency-Key (or
 * Nats-Msg-Id) header, else from its place in SUBMISSIONS, so a redelivery yields the same id and
 * JetStream stores it once.
 */
export function readSubmission(message: JsMsg): QueuedSubmission {
  const { streamSequence, timestampNanos } = message.info;
  const key =
    message.headers?.get('Idempotency-Key') ||
    message.headers?.get('Nats-Msg-Id') ||
    `submission:${streamSequence}:${timestampNanos}`;
  return {
    id: tradeId(key),
    sequence: streamSequence,
    receivedAt: new Date(Math.floor(timestampNanos / 1e6)),
    size: message.data.length,
    payload: decoder.decode(message.data),
  };
}

export const describeSubmission: DescribeIntake<JsMsg> = (message) => ({
  transport: 'nats',
  route: SUBJECTS.submit,
  client: undefined,
  header: (name) => message.headers?.get(name, Match.IgnoreCase) || undefined,
});
