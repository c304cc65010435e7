import { TRADE_FIELDS, type TradeFields } from '@tradeflow/contract';
import { TRADE_RULES } from './trade-rules';

export interface FieldError {
  /** The offending field, or an empty string for the value as a whole. */
  field: string;
  message: string;
}

export type TradeValidation = { ok: true; trade: TradeFields } | { ok: false; errors: FieldError[] };

const KNOWN_FIELDS: ReadonlySet<string> = new Set(TRADE_FIELDS);

/**
 * The one validation of a submitted trade, shared by HTTP and `tx.submit`: exactly the eight
 * fields, each by its rules (TRADE_RULES), with one message per offending field: keys that are
 * no trade field first, in input order, then the fields in trade order.
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
  for (const field of TRADE_FIELDS) {
    const value = submission[field];
    const broken =
      value === undefined || value === null
        ? `${field} is required`
        : TRADE_RULES[field].find((rule) => !rule.check(value, submission))?.message;
    if (broken) errors.push({ field, message: broken });
  }
  return errors.length ? { ok: false, errors } : { ok: true, trade: pick(submission as unknown as TradeFields) };
}

/** A new object of exactly the eight fields, in trade order. */
function pick(submission: TradeFields): TradeFields {
  const { userId, currencyFrom, currencyTo, amountSell, amountBuy, rate, timePlaced, originatingCountry } = submission;
  return { userId, currencyFrom, currencyTo, amountSell, amountBuy, rate, timePlaced, originatingCountry };
}
