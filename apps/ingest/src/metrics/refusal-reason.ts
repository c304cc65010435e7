import { TRADE_FIELDS } from '@tradeflow/contract';
import type { FieldError } from '@tradeflow/trade';
import type { NotAdmitted, Refused } from '../intake/intake-outcome';

const TRADE_FIELD_NAMES: ReadonlySet<string> = new Set(TRADE_FIELDS);

/** The metrics' name of each problem a refusal of a whole body can have, but a trade's invalid field. */
const PROBLEM_REASONS: Record<Exclude<Refused['problem'], 'invalid'>, string> = {
  malformed: 'malformed',
  'too-large': 'too-large',
  'invalid-batch': 'invalid-batch',
  conflict: 'idempotency-conflict',
};

/**
 * Why a trade is refused, as the label `reason`: the first refused field's name, or the kind of the
 * refusal. A bounded set: a body names any field it likes, so a name that is not a trade's is "other".
 */
export function refusalReason(outcome: Refused | NotAdmitted): string {
  if (outcome.kind === 'not-admitted') return outcome.refusal.reason;
  return outcome.problem === 'invalid' ? fieldReason(outcome.errors) : PROBLEM_REASONS[outcome.problem];
}

/** The first refused field, when it is a trade's; else "other" (the Idempotency-Key, a body that is no object). */
export function fieldReason(errors: readonly FieldError[]): string {
  const field = errors[0]?.field;
  return field !== undefined && TRADE_FIELD_NAMES.has(field) ? field : 'other';
}

/** A body refused by its size or type before the intake saw it, by the status of the refusal. */
export function bodyRefusalReason(status: number): string {
  switch (status) {
    case 413:
      return 'too-large';
    case 415:
      return 'unsupported-media-type';
    default:
      return 'other';
  }
}
