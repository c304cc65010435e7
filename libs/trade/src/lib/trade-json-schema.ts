import { EXAMPLE_TRADE, TRADE_FIELDS } from '@tradeflow/contract';
import { MONTHS, parseTimePlaced } from './time-placed';
import {
  BUY_TOLERANCE,
  MAX_AMOUNT,
  MAX_DECIMAL_PLACES,
  smallestUnit,
  TRADE_RULES,
  USER_ID_FORMAT,
} from './trade-rules';

/** A JSON Schema (draft 2020-12) as a plain object. */
export type JsonSchema = { [keyword: string]: unknown };

const LETTERS = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'];

/** Every word of `length` upper-case letters that `accepts`, in alphabetical order. */
function wordsAccepted(length: number, accepts: (word: string) => boolean): string[] {
  let words = [''];
  for (let i = 0; i < length; i++) words = words.flatMap((word) => LETTERS.map((letter) => word + letter));
  return words.filter(accepts);
}

/**
 * The codes a field's own rules accept: they take upper-case letters only, so asking them about
 * every such word lists exactly the codes class-validator knows, with nothing copied.
 */
const codesOf = (field: 'currencyFrom' | 'originatingCountry', length: number): string[] =>
  wordsAccepted(length, (code) => TRADE_RULES[field].every((rule) => rule.check(code, {})));

/** For each smallest unit, the currencies that have it: an amount in them must be at least that. */
function smallestUnitRules(amount: string, currency: string, currencies: string[]): JsonSchema[] {
  const byUnit = new Map<number, string[]>();
  for (const code of currencies) {
    const unit = smallestUnit(code);
    if (unit !== undefined) byUnit.set(unit, [...(byUnit.get(unit) ?? []), code]);
  }
  return [...byUnit]
    .sort(([a], [b]) => b - a)
    .map(([unit, codes]) => ({
      if: { properties: { [currency]: { enum: codes } }, required: [currency] },
      then: { properties: { [amount]: { type: 'number', minimum: unit } } },
    }));
}

const anyCase = (word: string) => [...word].map((letter) => `[${letter}${letter.toLowerCase()}]`).join('');
const oneOf = (words: string[]) => `(?:${words.map(anyCase).join('|')})`;
const TWO_DIGITS = Array.from({ length: 100 }, (_, n) => String(n).padStart(2, '0'));
/** 2001, a common year. */
const COMMON_YEAR = '01';
const isDate = (day: string, month: string, year: string) =>
  parseTimePlaced(`${day}-${month}-${year} 00:00:00`) !== null;

/**
 * What parseTimePlaced reads, as a pattern: its months in any case, the days each has (asked of
 * it, in a common year), 29 February in the two-digit years it takes as leap years, and the time
 * of day. trade-json-schema.spec.ts checks the two agree on every day of every year and every time.
 */
function timePlacedPattern(): string {
  const monthsWith = (day: string) => MONTHS.filter((month) => isDate(day, month, COMMON_YEAR));
  const shortMonths = MONTHS.filter((month) => !isDate('29', month, COMMON_YEAR));
  const leapYears = TWO_DIGITS.filter((year) => shortMonths.every((month) => isDate('29', month, year)));
  const dates = [
    `(?:0[1-9]|1[0-9]|2[0-8])-${oneOf(MONTHS)}-[0-9]{2}`,
    `(?:29|30)-${oneOf(monthsWith('30'))}-[0-9]{2}`,
    `31-${oneOf(monthsWith('31'))}-[0-9]{2}`,
    `29-${oneOf(shortMonths)}-(?:${leapYears.join('|')})`,
  ];
  return `^(?:${dates.join('|')}) (?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]$`;
}

/**
 * The JSON Schema of a submitted trade, built from validateTrade's own rules and limits (the
 * codes, patterns and numbers are theirs), for other producers and ingest's OpenAPI document;
 * libs/contract/trade.schema.json is this, checked in. Two rules across fields have no JSON Schema
 * form and are stated in the fields' descriptions: currencyTo differs from currencyFrom, and
 * amountBuy is within 1% of amountSell × rate. Built when asked: listing the codes takes a few ms.
 */
export function tradeJsonSchema(): JsonSchema {
  const currencies = codesOf('currencyFrom', 3);
  const currency = (description: string) => ({ type: 'string', enum: currencies, description });
  const amount = (description: string) => ({
    type: 'number',
    exclusiveMinimum: 0,
    maximum: MAX_AMOUNT,
    multipleOf: 10 ** -MAX_DECIMAL_PLACES,
    description: `${description}: more than 0, at most ${MAX_AMOUNT}, with at most ${MAX_DECIMAL_PLACES} decimal places`,
  });
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title: 'Trade',
    description:
      'A trade as submitted to ingest (POST /transactions, an item of POST /transactions/batch, a tx.submit ' +
      'message): exactly these eight fields, each given once. An amount may have at most ' +
      `${MAX_DECIMAL_PLACES} decimal places (multipleOf, meant of the decimal number as written: a validator ` +
      'that divides binary floating-point numbers, as ajv does by default, may refuse a valid 530302.43).',
    type: 'object',
    properties: {
      userId: {
        type: 'string',
        pattern: USER_ID_FORMAT.source,
        description: 'Who placed the trade: 1 to 64 characters of A-Z, a-z, 0-9, _ and -.',
      },
      currencyFrom: currency('The currency sold: an ISO 4217 code.'),
      currencyTo: currency('The currency bought: an ISO 4217 code; currencyTo must differ from currencyFrom.'),
      amountSell: amount('The amount sold, in currencyFrom, at least its smallest unit (0.01 EUR, 1 JPY, 0.001 BHD)'),
      amountBuy: amount(
        'The amount bought, in currencyTo, at least its smallest unit; ' +
          `amountBuy must be within ${BUY_TOLERANCE * 100}% of amountSell × rate`,
      ),
      rate: {
        type: 'number',
        exclusiveMinimum: 0,
        description: 'Units of currencyTo per unit of currencyFrom: more than 0.',
      },
      timePlaced: {
        type: 'string',
        pattern: timePlacedPattern(),
        description:
          'When the trade was placed, in UTC: DD-MMM-YY HH:mm:ss with the month in English in any case, ' +
          'a real date (years 69-99 are 1969-1999, 00-68 are 2000-2068), such as 24-JAN-18 10:27:44.',
      },
      originatingCountry: {
        type: 'string',
        enum: codesOf('originatingCountry', 2),
        description: 'Where the trade was placed: an assigned ISO 3166-1 alpha-2 country code.',
      },
    },
    required: [...TRADE_FIELDS],
    additionalProperties: false,
    allOf: [
      ...smallestUnitRules('amountSell', 'currencyFrom', currencies),
      ...smallestUnitRules('amountBuy', 'currencyTo', currencies),
    ],
    examples: [EXAMPLE_TRADE],
  };
}
