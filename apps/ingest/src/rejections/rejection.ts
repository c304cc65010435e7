import type { FieldError } from '@tradeflow/trade';

/** A refused submission as REJECTED keeps it, for inspection (`nats stream view REJECTED`). */
export interface Rejection {
  id: string;
  source: 'http' | 'tx.submit';
  /** Its place in SUBMISSIONS, for a `tx.submit` submission. */
  submissionSequence?: number;
  receivedAt: string;
  errors: FieldError[];
  /** The body as received (JSON-encoded again for HTTP), cut at the body limit. */
  payload: string;
}
