import type { JsMsg } from 'nats';
import type { TradeFields } from '@tradeflow/contract';
import { type FieldError, parseJson, tradeId, validateTrade } from '@tradeflow/trade';

/** What a tx.submit message turned out to be. */
export type SubmissionOutcome =
  | { accepted: true; trade: TradeFields; id: string; receivedAt: Date }
  | { accepted: false; errors: FieldError[]; id: string; receivedAt: Date; payload: string };

const decoder = new TextDecoder();

/**
 * Reads and validates one tx.submit message, with the same rules as HTTP. Its id comes from the
 * publisher's Idempotency-Key (or Nats-Msg-Id) header, else from its place in SUBMISSIONS, so a
 * redelivery yields the same id and JetStream stores it once.
 */
export function readSubmission(message: JsMsg, maxBytes: number): SubmissionOutcome {
  const { streamSequence, timestampNanos } = message.info;
  const key =
    message.headers?.get('Idempotency-Key') ||
    message.headers?.get('Nats-Msg-Id') ||
    `submission:${streamSequence}:${timestampNanos}`;
  const id = tradeId(key);
  const receivedAt = new Date(Math.floor(timestampNanos / 1e6));
  const payload = decoder.decode(message.data);
  const refuse = (errors: FieldError[]): SubmissionOutcome => ({
    accepted: false,
    errors,
    id,
    receivedAt,
    payload: payload.slice(0, maxBytes),
  });
  if (message.data.length > maxBytes) {
    return refuse([{ field: '', message: `body is larger than ${maxBytes} bytes` }]);
  }
  const parsed = parseJson(payload);
  if (!parsed.ok) return refuse([{ field: '', message: parsed.message }]);
  const validation = validateTrade(parsed.value);
  return validation.ok
    ? { accepted: true, trade: validation.trade, id, receivedAt }
    : refuse(validation.errors);
}
