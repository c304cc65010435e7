import { isISO31661Alpha2, isISO4217CurrencyCode, isNumber, isPositive, isString, matches, max } from 'class-validator';
import type { TRADE_FIELDS } from '@tradeflow/contract';
import { parseTimePlaced } from './time-placed';

/** One rule of a field: a check of its value (with the whole submission, for rules across fields). */
export interface FieldRule {
  check(value: unknown, submission: Record<string, unknown>): boolean;
  /** Why the value is refused when the check fails. */
  message: string;
}

const MAX_AMOUNT = 1e12;
/** amountBuy may differ from amountSell × rate by this fraction (rounding, fees). */
const BUY_TOLERANCE = 0.01;
/** Absorbs binary floating-point error so that exactly 1% off is accepted. */
const FLOAT_SLACK = 1e-9;

const rule = (message: string, check: FieldRule['check']): FieldRule => ({ check, message });

const text = (field: string) => rule(`${field} must be a string`, (value) => isString(value));
const form = (field: string, pattern: RegExp, message: string) =>
  rule(`${field} must be ${message}`, (value) => matches(value as string, pattern));
const finite = (field: string) =>
  rule(`${field} must be a finite JSON number`, (value) => isNumber(value, { allowNaN: false, allowInfinity: false }));
const positive = (field: string) => rule(`${field} must be greater than 0`, (value) => isPositive(value));
const amount = (field: string) => [
  finite(field),
  positive(field),
  rule(`${field} must be at most ${MAX_AMOUNT}`, (value) => max(value, MAX_AMOUNT)),
];
const currency = (field: string, example: string) => [
  text(field),
  form(field, /^[A-Z]{3}$/, `three upper-case letters, such as ${example}`),
  rule(`${field} must be an ISO 4217 currency code`, (value) => isISO4217CurrencyCode(value)),
];

function matchesSellTimesRate(amountBuy: unknown, { amountSell, rate }: Record<string, unknown>): boolean {
  // Without valid inputs there is nothing to compare; their own rules report them. (Finite is not
  // enough: a zero, negative or too large amountSell or rate breaks its own rule, and must not
  // also be reported against amountBuy.)
  if (typeof amountSell !== 'number' || typeof rate !== 'number') return true;
  const sellValid = Number.isFinite(amountSell) && amountSell > 0 && amountSell <= MAX_AMOUNT;
  const rateValid = Number.isFinite(rate) && rate > 0;
  if (!sellValid || !rateValid) return true;
  const expected = amountSell * rate;
  return Math.abs((amountBuy as number) - expected) <= expected * (BUY_TOLERANCE + FLOAT_SLACK);
}

/**
 * The rules of each field of a submitted trade, built on class-validator's validators, the most
 * basic first (a type before a form, a form before a range): a field is refused for the first
 * one it breaks. Validate with `validateTrade`.
 */
export const TRADE_RULES: Record<(typeof TRADE_FIELDS)[number], FieldRule[]> = {
  userId: [text('userId'), form('userId', /^[A-Za-z0-9_-]{1,64}$/, '1 to 64 characters of A-Z, a-z, 0-9, _ and -')],
  currencyFrom: currency('currencyFrom', 'EUR'),
  currencyTo: [
    ...currency('currencyTo', 'GBP'),
    rule('currencyTo must differ from currencyFrom', (value, { currencyFrom }) => value !== currencyFrom),
  ],
  amountSell: amount('amountSell'),
  amountBuy: [
    ...amount('amountBuy'),
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
