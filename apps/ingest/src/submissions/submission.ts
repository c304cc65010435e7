import { SUBJECTS } from '@tradeflow/topology';
import { tradeId } from '@tradeflow/trade';
import { Match, type JsMsg } from 'nats';
import type { QueuedSubmission } from '../intake/intake-input';
import type { DescribeIntake } from '../intake/intake-policy';

const decoder = new TextDecoder();

/**
 * A tx.submit message for the intake, with its Idempotency-Key header, read as HTTP reads one
 * (the name in any case, repeated values joined), and an id from its place in SUBMISSIONS, so that
 * a redelivery yields the same id and JetStream stores it once. (A publisher's Nats-Msg-Id is
 * SUBMISSIONS' own: it drops a message published again within that stream's duplicate window.)
 */
export function readSubmission(message: JsMsg): QueuedSubmission {
  const { streamSequence, timestampNanos } = message.info;
  const keys = message.headers?.values('Idempotency-Key', Match.IgnoreCase) ?? [];
  return {
    key: keys.length ? keys.join(', ') : undefined,
    id: tradeId(`submission:${streamSequence}:${timestampNanos}`),
    sequence: streamSequence,
    receivedAt: new Date(Math.floor(timestampNanos / 1e6)),
    size: message.data.length,
    payload: decoder.decode(message.data),
  };
}

export const describeSubmission: DescribeIntake<JsMsg> = (message, trades) => ({
  transport: 'nats',
  route: SUBJECTS.submit,
  client: undefined,
  header: (name) => message.headers?.get(name, Match.IgnoreCase) || undefined,
  trades,
});
