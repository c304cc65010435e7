import { TRADE_FIELDS, type TradeFields } from '@tradeflow/contract';
import { isISO31661Alpha2, isISO4217CurrencyCode } from 'class-validator';
import fc from 'fast-check';
import { minorUnitsOf, parseJson, parseTimePlaced, validateTrade } from '../index';

// Properties of the one validation, over generated trades: every valid trade is accepted as it
// is, a trade with one field gone wrong is refused naming that field alone, and nothing throws.
// On a failure fast-check prints the seed and path that replay it (fc.assert's { seed, path }).

type Field = (typeof TRADE_FIELDS)[number];

const RUNS = { numRuns: 1000 };
const CURRENCIES = ['EUR', 'GBP', 'USD', 'JPY', 'KRW', 'CHF', 'INR', 'BHD', 'KWD', 'CLF', 'XAU', 'XAG'];
const COUNTRIES = ['FR', 'GB', 'US', 'DE', 'JP', 'IN', 'BR', 'CH', 'BH', 'CL'];
const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const MAX_AMOUNT = 1e12;

/** The smallest amount of a currency: its minor unit, or 1e-8 (the decimal places allowed) without one. */
const smallestAmount = (currency: string) => 1 / 10 ** (minorUnitsOf(currency) ?? 8);

/** An amount of 0 to 8 decimal places, from `min` to 1e12. */
const amount = (min: number) =>
  fc
    .tuple(fc.double({ min, max: MAX_AMOUNT, noNaN: true }), fc.integer({ min: 0, max: 8 }))
    .map(([value, decimals]) => Number(value.toFixed(decimals)))
    .filter((value) => value >= min);

const two = (n: number) => String(n).padStart(2, '0');
const timePlaced = fc
  .tuple(
    fc.date({
      min: new Date(Date.UTC(1969, 0, 1)),
      max: new Date(Date.UTC(2068, 11, 31, 23, 59, 59)),
      noInvalidDate: true,
    }),
    fc.boolean(),
  )
  .map(([date, lowerCase]) => {
    const month = MONTHS[date.getUTCMonth()];
    return (
      `${two(date.getUTCDate())}-${lowerCase ? month.toLowerCase() : month}-${two(date.getUTCFullYear() % 100)} ` +
      `${two(date.getUTCHours())}:${two(date.getUTCMinutes())}:${two(date.getUTCSeconds())}`
    );
  });

/** Any trade the rules allow: amountBuy is amountSell × rate, give or take 0.9%, to 8 decimal places. */
const validTrade: fc.Arbitrary<TradeFields> = fc
  .record({
    userId: fc.stringMatching(/^[A-Za-z0-9_-]{1,64}$/),
    currencies: fc.uniqueArray(fc.constantFrom(...CURRENCIES), { minLength: 2, maxLength: 2 }),
    rate: fc.double({ min: 1e-6, max: 1e6, noNaN: true }),
    deviation: fc.double({ min: -0.009, max: 0.009, noNaN: true }),
    timePlaced,
    originatingCountry: fc.constantFrom(...COUNTRIES),
  })
  .chain(({ currencies: [currencyFrom, currencyTo], rate, deviation, ...rest }) =>
    amount(smallestAmount(currencyFrom)).map((amountSell) => ({
      ...rest,
      currencyFrom,
      currencyTo,
      amountSell,
      amountBuy: Number((amountSell * rate * (1 + deviation)).toFixed(8)),
      rate,
    })),
  )
  .filter(
    ({ amountBuy, currencyTo }) => amountBuy >= Math.max(smallestAmount(currencyTo), 1e-4) && amountBuy <= MAX_AMOUNT,
  )
  .map(({ userId, currencyFrom, currencyTo, amountSell, amountBuy, rate, timePlaced, originatingCountry }) => ({
    userId,
    currencyFrom,
    currencyTo,
    amountSell,
    amountBuy,
    rate,
    timePlaced,
    originatingCountry,
  }));

/** Values of no field's type: for a string field, anything but a string; for a number field, anything but a number. */
const notA = (type: 'string' | 'number') =>
  fc.oneof(
    fc.constant(null),
    fc.boolean(),
    fc.array(fc.jsonValue(), { maxLength: 3 }),
    fc.dictionary(fc.string(), fc.jsonValue(), { maxKeys: 3 }),
    type === 'string' ? fc.double() : fc.string(),
  );

const anyString = fc.oneof(fc.string(), fc.string({ unit: 'binary' }));
const notFinite = fc.constantFrom(NaN, Infinity, -Infinity);
const notPositive = fc.oneof(fc.double({ max: 0, noNaN: true }), fc.constant(-0));

/** A value with 9 decimal places that a double holds exactly (15 significant digits at most). */
const nineDecimals = fc
  .tuple(fc.integer({ min: 0, max: 999_999 }), fc.integer({ min: 1, max: 999_999_999 }))
  .filter(([, fraction]) => fraction % 10 !== 0)
  .map(([whole, fraction]) => Number(`${whole}.${String(fraction).padStart(9, '0')}`));

/** An amount of the trade's currency that its rules refuse. */
const badAmount = (currency: string) =>
  fc.oneof(
    notA('number'),
    notFinite,
    notPositive,
    fc.double({ min: MAX_AMOUNT, max: Number.MAX_VALUE, minExcluded: true, noNaN: true }),
    fc.double({ min: Number.MIN_VALUE, max: smallestAmount(currency), maxExcluded: true, noNaN: true }),
    nineDecimals.filter((value) => value >= smallestAmount(currency)),
  );

/** For each field, the values its rules refuse, whatever the other (valid) fields are. */
const BAD_VALUES: Record<Field, (trade: TradeFields) => fc.Arbitrary<unknown>> = {
  userId: () =>
    fc.oneof(
      notA('string'),
      anyString.filter((value) => !/^[A-Za-z0-9_-]{1,64}$/.test(value)),
    ),
  currencyFrom: () =>
    fc.oneof(
      notA('string'),
      anyString.filter((value) => !/^[A-Z]{3}$/.test(value) || !isISO4217CurrencyCode(value)),
    ),
  currencyTo: (trade) =>
    fc.oneof(
      notA('string'),
      fc.constant(trade.currencyFrom),
      anyString.filter((value) => !/^[A-Z]{3}$/.test(value) || !isISO4217CurrencyCode(value)),
    ),
  amountSell: (trade) => badAmount(trade.currencyFrom),
  amountBuy: (trade) =>
    fc.oneof(
      badAmount(trade.currencyTo),
      fc.constantFrom(1.02, 0.98, 2, 0.5).map((factor) => trade.amountSell * trade.rate * factor),
    ),
  rate: () => fc.oneof(notA('number'), notFinite, notPositive),
  timePlaced: () =>
    fc.oneof(
      notA('string'),
      anyString.filter((value) => parseTimePlaced(value) === null),
      fc.constantFrom('31-FEB-18 10:27:44', '29-FEB-19 10:27:44', '24-JAN-18 24:00:00', '2018-01-24T10:27:44Z'),
    ),
  originatingCountry: () =>
    fc.oneof(
      notA('string'),
      fc.constantFrom('UK', 'EU', 'XX', 'fr'),
      anyString.filter((value) => !/^[A-Z]{2}$/.test(value) || !isISO31661Alpha2(value)),
    ),
};

/** A valid trade with one field set to a value its rules refuse, and that field. */
const tradeWithOneBadField = fc
  .tuple(validTrade, fc.constantFrom(...TRADE_FIELDS))
  .chain(([trade, field]) => BAD_VALUES[field](trade).map((value) => ({ input: { ...trade, [field]: value }, field })));

const namesOnly = (field: string) => [{ field, message: expect.stringContaining(field) }];

describe('validateTrade, over generated trades', () => {
  it('accepts every valid trade, exactly as given', () => {
    fc.assert(
      fc.property(validTrade, (trade) => {
        expect(validateTrade(trade)).toEqual({ ok: true, trade });
      }),
      RUNS,
    );
  });

  it('accepts every valid trade read from its JSON text', () => {
    fc.assert(
      fc.property(validTrade, (trade) => {
        const parsed = parseJson(JSON.stringify(trade));
        expect(parsed.ok && validateTrade(parsed.value)).toEqual({ ok: true, trade });
      }),
      RUNS,
    );
  });

  it('refuses a trade with one bad field, naming that field alone', () => {
    fc.assert(
      fc.property(tradeWithOneBadField, ({ input, field }) => {
        expect(validateTrade(input)).toEqual({ ok: false, errors: namesOnly(field) });
      }),
      RUNS,
    );
  });

  it('refuses a trade without one field as required', () => {
    fc.assert(
      fc.property(validTrade, fc.constantFrom(...TRADE_FIELDS), (trade, field) => {
        const { [field]: _missing, ...input } = trade;
        expect(validateTrade(input)).toEqual({ ok: false, errors: [{ field, message: `${field} is required` }] });
      }),
      RUNS,
    );
  });

  it('refuses a key that is no trade field, naming it', () => {
    const key = fc.string().filter((value) => !(TRADE_FIELDS as readonly string[]).includes(value));
    fc.assert(
      fc.property(validTrade, key, fc.jsonValue(), (trade, key, value) => {
        const input = { ...trade, [key]: value };
        expect(validateTrade(input)).toEqual({
          ok: false,
          errors: [{ field: key, message: `${key} is not a trade field` }],
        });
      }),
      RUNS,
    );
  });

  it('refuses a field given twice in the JSON text, naming it', () => {
    fc.assert(
      fc.property(validTrade, fc.constantFrom(...TRADE_FIELDS), fc.jsonValue(), (trade, field, first) => {
        const text = `{${JSON.stringify(field)}:${JSON.stringify(first)},${JSON.stringify(trade).slice(1)}`;
        const parsed = parseJson(text);
        expect(parsed.ok && validateTrade(parsed.value)).toEqual({
          ok: false,
          errors: [{ field, message: `${field} is given more than once` }],
        });
      }),
      RUNS,
    );
  });

  it('never throws, whatever it is given, and names a field or the whole for each error', () => {
    const fieldsOfAnything = fc.record(Object.fromEntries(TRADE_FIELDS.map((field) => [field, fc.anything()])), {
      requiredKeys: [],
    });
    fc.assert(
      fc.property(fc.oneof(fc.anything(), fieldsOfAnything), (input) => {
        const result = validateTrade(input);
        if (!result.ok) for (const { field, message } of result.errors) expect(message).toContain(field);
      }),
      RUNS,
    );
  });

  it('reads any JSON text, or says why not, without throwing', () => {
    fc.assert(
      fc.property(fc.oneof(fc.json(), fc.string({ unit: 'binary' })), (text) => {
        const parsed = parseJson(text);
        expect(parsed.ok ? typeof parsed.value : parsed.message).toBeDefined();
      }),
      RUNS,
    );
  });
});
