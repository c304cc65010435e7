import { type ValidationError, validateSync } from 'class-validator';
import { TRADE_FIELDS, type TradeFields } from './trade';
import { TradeSubmission } from './trade-submission';

export interface FieldError {
  /** The offending field, or an empty string for the value as a whole. */
  field: string;
  message: string;
}

export type TradeValidation = { ok: true; trade: TradeFields } | { ok: false; errors: FieldError[] };

const KNOWN_FIELDS: ReadonlySet<string> = new Set(TRADE_FIELDS);

/**
 * The one validation of a submitted trade, shared by HTTP and `tx.submit`: exactly the eight
 * fields, each by its rules (see TradeSubmission), with one message per offending field.
 */
export function validateTrade(input: unknown): TradeValidation {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return refuse([{ field: '', message: 'a trade must be a JSON object' }]);
  }
  const record = input as Record<string, unknown>;
  // Object.keys sees an own "__proto__" key from JSON.parse; it is reported, never assigned.
  const errors: FieldError[] = Object.keys(record)
    .filter((key) => !KNOWN_FIELDS.has(key))
    .map((key) => ({ field: key, message: `${key} is not a trade field` }));
  const submission = new TradeSubmission();
  for (const field of TRADE_FIELDS) {
    const value = record[field];
    if (value === undefined || value === null) {
      errors.push({ field, message: `${field} is required` });
    } else {
      (submission as unknown as Record<string, unknown>)[field] = value;
    }
  }
  for (const error of validateSync(submission, { skipMissingProperties: true })) {
    errors.push({ field: error.property, message: firstRuleBroken(error) });
  }
  return errors.length ? refuse(errors) : { ok: true, trade: pick(submission) };
}

/**
 * class-validator applies a property's decorators bottom-up, so the last constraint it lists is
 * the top-most rule in TradeSubmission: the most basic one (a type before a range) is reported.
 */
function firstRuleBroken(error: ValidationError): string {
  return Object.values(error.constraints ?? {}).at(-1) ?? `${error.property} is invalid`;
}

function refuse(errors: FieldError[]): TradeValidation {
  const order = (field: string) => TRADE_FIELDS.indexOf(field as (typeof TRADE_FIELDS)[number]);
  return { ok: false, errors: errors.sort((a, b) => order(a.field) - order(b.field)) };
}

function pick(submission: TradeSubmission): TradeFields {
  const { userId, currencyFrom, currencyTo, amountSell, amountBuy, rate, timePlaced, originatingCountry } =
    submission;
  return { userId, currencyFrom, currencyTo, amountSell, amountBuy, rate, timePlaced, originatingCountry };
}
