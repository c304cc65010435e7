import type { FieldError } from '@tradeflow/trade';

/**
 * What became of a submission, whichever transport brought it; each transport answers it its own
 * way (HTTP: see HttpAnswers; tx.submit: the message is acknowledged, or left for a retry).
 */
export type IntakeOutcome = Accepted | BatchSettled | Refused | NotAdmitted | Unavailable;

/** The trade is stored in TRANSACTIONS under this id. */
export interface Accepted {
  kind: 'accepted';
  id: string;
}

/** Each trade of a batch stored, refused or not stored; none is left undecided. */
export interface BatchSettled {
  kind: 'batch';
  items: BatchItems;
}

export interface BatchItems {
  accepted: { index: number; id: string }[];
  rejected: { index: number; errors: FieldError[] }[];
  /** Not stored, JetStream failing: worth sending again. */
  failed: { index: number; reason: string }[];
}

/** Refused as it stands: sending it again changes nothing. */
export interface Refused {
  kind: 'refused';
  /**
   * Not JSON; past a size or count limit; JSON that breaks a rule (of a trade or a header); a batch
   * that is no non-empty array; an Idempotency-Key first used for another trade or batch.
   */
  problem: 'malformed' | 'too-large' | 'invalid' | 'invalid-batch' | 'conflict';
  message: string;
  errors: FieldError[];
}

/** A policy did not let the submission in; it was not judged. */
export interface NotAdmitted {
  kind: 'not-admitted';
  refusal: PolicyRefusal;
}

/** JetStream could not acknowledge what was to be stored: nothing is, and it may be sent again. */
export interface Unavailable {
  kind: 'unavailable';
  message: string;
}

/** Why a policy keeps a submission out. */
export interface PolicyRefusal {
  reason: 'unauthenticated' | 'forbidden' | 'rate-limited';
  message: string;
  /** When the submission may be sent again (a rate limit's window). */
  retryAfterSeconds?: number;
}

export const refused = (problem: Refused['problem'], message: string, errors: FieldError[]): Refused => ({
  kind: 'refused',
  problem,
  message,
  errors,
});

/** A refusal of the whole body, not of a field of it. */
export const refusedBody = (problem: Refused['problem'], message: string): Refused =>
  refused(problem, message, [{ field: '', message }]);
