import { isISO31661Alpha2, isISO4217CurrencyCode, isNumber, isPositive, isString, matches, max } from 'class-validator';
import type { TRADE_FIELDS } from '@tradeflow/contract';
import { minorUnitsOf } from './currency-minor-units';
import { hasAtMostDecimalPlaces } from './decimal-places';
import { parseTimePlaced } from './time-placed';

type TradeField = (typeof TRADE_FIELDS)[number];
type Submission = Record<string, unknown>;
/** The fields of the submission refused so far. */
export type RefusedFields = Pick<ReadonlySet<TradeField>, 'has'>;

/**
 * One rule of a field: a check of its value, with the whole submission and the fields refused so
 * far for the rules that look at other fields (see CHECK_ORDER; none refused when not given).
 */
export interface FieldRule {
  check(value: unknown, submission: Submission, refused?: RefusedFields): boolean;
  /** Why the value is refused when the check fails; from the submission where another field says. */
  message: string | ((submission: Submission) => string);
}

export const USER_ID_FORMAT = /^[A-Za-z0-9_-]{1,64}$/;
export const MAX_AMOUNT = 1e12;
/** Amounts are summed exactly, as decimals (libs/fold): each decimal place is one more digit of every sum. */
export const MAX_DECIMAL_PLACES = 8;
/** amountBuy may differ from amountSell × rate by this fraction (rounding, fees). */
export const BUY_TOLERANCE = 0.01;
/** Absorbs binary floating-point error so that exactly 1% off is accepted. */
const FLOAT_SLACK = 1e-9;

const rule = (message: FieldRule['message'], check: FieldRule['check']): FieldRule => ({ check, message });

const text = (field: string) => rule(`${field} must be a string`, (value) => isString(value));
const form = (field: string, pattern: RegExp, message: string) =>
  rule(`${field} must be ${message}`, (value) => matches(value as string, pattern));
const finite = (field: string) =>
  rule(`${field} must be a finite JSON number`, (value) => isNumber(value, { allowNaN: false, allowInfinity: false }));
const positive = (field: string) => rule(`${field} must be greater than 0`, (value) => isPositive(value));
const currency = (field: string, example: string) => [
  text(field),
  form(field, /^[A-Z]{3}$/, `three upper-case letters, such as ${example}`),
  rule(`${field} must be an ISO 4217 currency code`, (value) => isISO4217CurrencyCode(value)),
];

/** The smallest amount of a valid currency: 0.01 EUR, 1 JPY; undefined where ISO gives no minor unit. */
export function smallestUnit(code: unknown): number | undefined {
  const minorUnits = minorUnitsOf(code as string);
  return minorUnits === undefined ? undefined : 1 / 10 ** minorUnits;
}

const amount = (field: TradeField, currencyField: TradeField) => [
  finite(field),
  positive(field),
  rule(`${field} must be at most ${MAX_AMOUNT}`, (value) => max(value, MAX_AMOUNT)),
  // Against a currency refused by its own rules there is no smallest unit to compare with.
  rule(
    ({ [currencyField]: code }) => `${field} must be at least ${smallestUnit(code)}, the smallest unit of ${code}`,
    (value, submission, refused) =>
      refused?.has(currencyField) || (value as number) >= (smallestUnit(submission[currencyField]) ?? 0),
  ),
  rule(`${field} must have at most ${MAX_DECIMAL_PLACES} decimal places`, (value) =>
    hasAtMostDecimalPlaces(value as number, MAX_DECIMAL_PLACES),
  ),
];

function matchesSellTimesRate(amountBuy: unknown, { amountSell, rate }: Submission, refused?: RefusedFields): boolean {
  // Without a valid amountSell and rate there is nothing to compare; their own rules report them,
  // and must not also be reported against amountBuy.
  if (refused?.has('amountSell') || refused?.has('rate')) return true;
  const expected = (amountSell as number) * (rate as number);
  return Math.abs((amountBuy as number) - expected) <= expected * (BUY_TOLERANCE + FLOAT_SLACK);
}

/**
 * The rules of each field of a submitted trade, built on class-validator's validators, the most
 * basic first (a type before a form, a form before a range): a field is refused for the first
 * one it breaks. Validate with `validateTrade`.
 */
export const TRADE_RULES: Record<TradeField, FieldRule[]> = {
  userId: [text('userId'), form('userId', USER_ID_FORMAT, '1 to 64 characters of A-Z, a-z, 0-9, _ and -')],
  currencyFrom: currency('currencyFrom', 'EUR'),
  currencyTo: [
    ...currency('currencyTo', 'GBP'),
    rule('currencyTo must differ from currencyFrom', (value, { currencyFrom }) => value !== currencyFrom),
  ],
  amountSell: amount('amountSell', 'currencyFrom'),
  amountBuy: [
    ...amount('amountBuy', 'currencyTo'),
    rule(`amountBuy must be within ${BUY_TOLERANCE * 100}% of amountSell × rate`, matchesSellTimesRate),
  ],
  rate: [finite('rate'), positive('rate')],
  timePlaced: [
    text('timePlaced'),
    rule(
      'timePlaced must be a real date-time in the form DD-MMM-YY HH:mm:ss, such as 24-JAN-18 10:27:44',
      (value) => parseTimePlaced(value as string) !== null,
    ),
  ],
  originatingCountry: [
    text('originatingCountry'),
    form('originatingCountry', /^[A-Z]{2}$/, 'two upper-case letters, such as FR'),
    rule('originatingCountry must be an assigned ISO 3166-1 alpha-2 country code', (value) => isISO31661Alpha2(value)),
  ],
};

/** The order the fields are checked in: each after the fields its rules look at (amountBuy after rate). */
export const CHECK_ORDER: readonly TradeField[] = [
  'userId',
  'currencyFrom',
  'currencyTo',
  'amountSell',
  'rate',
  'amountBuy',
  'timePlaced',
  'originatingCountry',
];
