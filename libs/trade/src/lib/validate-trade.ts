import { TRADE_FIELDS, type TradeFields } from '@tradeflow/contract';
import { repeatedKeysOf } from './repeated-keys';
import { CHECK_ORDER, type RefusedFields, TRADE_RULES } from './trade-rules';

export interface FieldError {
  /** The offending field, or an empty string for the value as a whole. */
  field: string;
  message: string;
}

export type TradeValidation = { ok: true; trade: TradeFields } | { ok: false; errors: FieldError[] };

type TradeField = (typeof TRADE_FIELDS)[number];

const KNOWN_FIELDS: ReadonlySet<string> = new Set(TRADE_FIELDS);

/**
 * The one validation of a submitted trade, shared by HTTP and `tx.submit`: exactly the eight
 * fields, each once (as parseJson read it) and by its rules (TRADE_RULES), with one message per
 * offending field: keys that are no trade field first, in input order, then the fields in trade
 * order. The fields are checked in CHECK_ORDER, so that a rule across fields knows which of the
 * others are refused.
 */
export function validateTrade(input: unknown): TradeValidation {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { ok: false, errors: [{ field: '', message: 'a trade must be a JSON object' }] };
  }
  const submission = input as Record<string, unknown>;
  // Object.keys sees an own "__proto__" key from JSON.parse; it is reported, never assigned.
  const errors: FieldError[] = Object.keys(submission)
    .filter((key) => !KNOWN_FIELDS.has(key))
    .map((key) => ({ field: key, message: `${key} is not a trade field` }));
  const repeated = repeatedKeysOf(submission);
  const refused = new Map<TradeField, string>();
  for (const field of CHECK_ORDER) {
    const message = brokenRule(field, submission, repeated, refused);
    if (message) refused.set(field, message);
  }
  if (errors.length === 0 && refused.size === 0) return { ok: true, trade: pick(submission as unknown as TradeFields) };
  for (const field of TRADE_FIELDS) {
    const message = refused.get(field);
    if (message) errors.push({ field, message });
  }
  return { ok: false, errors };
}

/** Why a field is refused, by the most basic rule it breaks; undefined when it keeps them all. */
function brokenRule(
  field: TradeField,
  submission: Record<string, unknown>,
  repeated: readonly string[] | undefined,
  refused: RefusedFields,
): string | undefined {
  // JSON.parse kept one of the values, not necessarily the one meant.
  if (repeated?.includes(field)) return `${field} is given more than once`;
  const value = submission[field];
  if (value === undefined || value === null) return `${field} is required`;
  const broken = TRADE_RULES[field].find((rule) => !rule.check(value, submission, refused));
  return typeof broken?.message === 'function' ? broken.message(submission) : broken?.message;
}

/** A new object of exactly the eight fields, in trade order. */
function pick(submission: TradeFields): TradeFields {
  const { userId, currencyFrom, currencyTo, amountSell, amountBuy, rate, timePlaced, originatingCountry } = submission;
  return { userId, currencyFrom, currencyTo, amountSell, amountBuy, rate, timePlaced, originatingCountry };
}
