import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { EXAMPLE_TRADE, toDecimal, TRADE_FIELDS } from '@tradeflow/contract';
import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import fc from 'fast-check';
import { parseTimePlaced, tradeJsonSchema, validateTrade } from '../index';

// libs/contract/trade.schema.json, the trade's JSON Schema for other producers, against the
// validation it is built from: up to date, and in agreement with validateTrade on valid trades,
// on a counter-example of every rule, on every date and time, and on generated amounts. Checked
// with ajv (the JSON Schema validator Fastify brings), as a producer would check a trade.

const SCHEMA_FILE = resolve(__dirname, '../../../contract/trade.schema.json');
const WRITE = process.env['WRITE_TRADE_SCHEMA'] === '1';

const readSchema = () => JSON.parse(readFileSync(SCHEMA_FILE, 'utf8'));

describe('libs/contract/trade.schema.json', () => {
  it('is tradeJsonSchema() (WRITE_TRADE_SCHEMA=1 npx jest libs/trade/src/lib/trade-json-schema.spec.ts writes it)', () => {
    const built = tradeJsonSchema();
    if (WRITE) {
      writeFileSync(SCHEMA_FILE, JSON.stringify(built));
      // Laid out as the workspace's formatting has it (Prettier cannot be loaded within jest).
      execFileSync(process.execPath, [require.resolve('prettier/bin/prettier.cjs'), '--write', SCHEMA_FILE]);
    }
    expect(readSchema()).toEqual(built);
  });
});

/** A number as a bigint of units of 10^-scale, exactly as it is written. */
function scaled(value: number, scale: number): bigint {
  const [whole, fraction = ''] = toDecimal(value).split('.');
  return BigInt(whole + fraction.padEnd(scale, '0'));
}

/**
 * multipleOf as JSON Schema defines it, on the decimal a number is written as: ajv divides binary
 * floating-point numbers, so that 530302.43 is no multiple of 1e-8 to it.
 */
function isMultipleOf(divisor: number, value: number): boolean {
  const scale = Math.max(...[divisor, value].map((n) => toDecimal(n).split('.')[1]?.length ?? 0));
  return scaled(value, scale) % scaled(divisor, scale) === 0n;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the schema as read from JSON
let schema: any;
let checkSchema: ValidateFunction;

/** The fields the schema refuses, '' for the trade as a whole. */
function schemaRefuses(trade: unknown): string[] {
  if (checkSchema(trade)) return [];
  const fieldOf = ({ instancePath, params }: ErrorObject) =>
    instancePath ? instancePath.split('/')[1] : ((params as { missingProperty?: string }).missingProperty ?? '');
  return [...new Set((checkSchema.errors ?? []).filter((error) => error.keyword !== 'if').map(fieldOf))];
}

/** The fields validateTrade refuses. */
function validationRefuses(trade: unknown): string[] {
  const validation = validateTrade(trade);
  return validation.ok ? [] : validation.errors.map((error) => error.field);
}

const withField = (field: string, value: unknown) => ({ ...EXAMPLE_TRADE, [field]: value });

describe('the schema and validateTrade', () => {
  beforeAll(() => {
    schema = readSchema();
    const ajv = new Ajv2020({ allErrors: true, strict: true });
    ajv.removeKeyword('multipleOf');
    ajv.addKeyword({ keyword: 'multipleOf', type: 'number', schemaType: 'number', validate: isMultipleOf });
    checkSchema = ajv.compile(schema);
  });

  test.each([
    ['the example trade', EXAMPLE_TRADE],
    ['a userId of 64 characters of every kind allowed', withField('userId', `${'aZ09_-'.repeat(10)}abcd`)],
    [
      'amounts of the smallest unit: 1 JPY for 0.001 BHD',
      { ...EXAMPLE_TRADE, currencyFrom: 'JPY', currencyTo: 'BHD', amountSell: 1, amountBuy: 0.001, rate: 0.001 },
    ],
    [
      'an amount of 8 decimal places in a currency without a minor unit',
      { ...EXAMPLE_TRADE, currencyFrom: 'XAU', amountSell: 0.00000001, amountBuy: 0.01, rate: 1e6 },
    ],
    ['the largest amounts', { ...EXAMPLE_TRADE, currencyTo: 'USD', amountSell: 1e12, amountBuy: 1e12, rate: 1 }],
    ['the month in lower case', withField('timePlaced', '24-jan-18 10:27:44')],
    ['29 February of a leap year', withField('timePlaced', '29-FEB-00 23:59:59')],
  ])('accept %s', (_, trade) => {
    expect(validationRefuses(trade)).toEqual([]);
    expect(schemaRefuses(trade)).toEqual([]);
  });

  const COUNTER_EXAMPLES: [string, unknown][] = [
    ['userId', 134256],
    ['userId', ''],
    ['userId', 'a'.repeat(65)],
    ['userId', 'user 1'],
    ['userId', 'usér'],
    ['currencyFrom', 'eur'],
    ['currencyFrom', 'EURO'],
    ['currencyFrom', 'ABC'],
    ['currencyTo', 'XYZ'],
    ['currencyTo', 978],
    ['amountSell', '1000'],
    ['amountSell', 0],
    ['amountSell', -1000],
    ['amountSell', 1e12 + 1e-3],
    ['amountSell', 1000.000000001],
    ['amountSell', 0.001],
    ['amountBuy', 0.009],
    ['rate', 0],
    ['rate', -0.7471],
    ['rate', '0.7471'],
    ['timePlaced', '2018-01-24T10:27:44Z'],
    ['timePlaced', '24-JNA-18 10:27:44'],
    ['timePlaced', '31-APR-18 10:27:44'],
    ['timePlaced', '29-FEB-19 10:27:44'],
    ['timePlaced', '24-JAN-18 24:00:00'],
    ['timePlaced', '24-JAN-2018 10:27:44'],
    ['originatingCountry', 'fr'],
    ['originatingCountry', 'FRA'],
    ['originatingCountry', 'ZZ'],
    ...TRADE_FIELDS.map((field): [string, unknown] => [field, null]),
  ];

  test.each(COUNTER_EXAMPLES)('refuse %s %j, naming the field', (field, value) => {
    const trade = withField(field, value);
    expect(validationRefuses(trade)).toContain(field);
    expect(schemaRefuses(trade)).toContain(field);
  });

  test.each(TRADE_FIELDS)('refuse a trade without %s', (field) => {
    const trade: Record<string, unknown> = { ...EXAMPLE_TRADE };
    delete trade[field];
    expect(validationRefuses(trade)).toEqual([field]);
    expect(schemaRefuses(trade)).toEqual([field]);
  });

  test.each([
    ['a field more', { ...EXAMPLE_TRADE, note: 'x' }],
    ['an array', [EXAMPLE_TRADE]],
    ['a string', JSON.stringify(EXAMPLE_TRADE)],
  ])('refuse %s', (_, trade) => {
    expect(validationRefuses(trade)).not.toEqual([]);
    expect(schemaRefuses(trade)).not.toEqual([]);
  });

  // JSON Schema cannot compare one field with another: these two rules are stated in words.
  test.each([
    ['currencyTo', withField('currencyTo', 'EUR'), 'currencyTo must differ from currencyFrom'],
    ['amountBuy', withField('amountBuy', 760), 'amountBuy must be within 1% of amountSell × rate'],
  ])('state the rule across fields that refuses %s in its description', (field, trade, rule) => {
    expect(validationRefuses(trade)).toEqual([field]);
    expect(schema.properties[field].description).toContain(rule);
  });

  it('refuse and accept the same amounts, in currencies of 0 to 4 decimal places and none', () => {
    const amounts = fc.oneof(
      fc.double({ min: -1, max: 2e12, noNaN: true, noDefaultInfinity: true }),
      fc
        .tuple(fc.double({ min: 0, max: 1e12, noNaN: true }), fc.integer({ min: 0, max: 10 }))
        .map(([value, places]) => Number(value.toFixed(places))),
    );
    fc.assert(
      fc.property(fc.constantFrom('JPY', 'EUR', 'BHD', 'CLF', 'XAU'), amounts, (currencyFrom, amountSell) => {
        const trade = { ...EXAMPLE_TRADE, currencyFrom, amountSell };
        expect(schemaRefuses(trade).includes('amountSell')).toBe(validationRefuses(trade).includes('amountSell'));
      }),
      { numRuns: 1000 },
    );
  });

  describe('timePlaced', () => {
    const digits = (count: number) => Array.from({ length: count }, (_, n) => String(n).padStart(2, '0'));
    const MONTH_NAMES = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
    const MONTHS = [...MONTH_NAMES, ...MONTH_NAMES.map((month) => month.toLowerCase()), 'Feb', 'sEP', 'JNA', 'XXX'];

    /** The texts the schema's pattern and parseTimePlaced disagree on. */
    const disagreements = (texts: string[]) => {
      const pattern = new RegExp(schema.properties.timePlaced.pattern, 'u');
      return texts.filter((text) => pattern.test(text) !== (parseTimePlaced(text) !== null));
    };

    it('the same days of every year, 00 to 39 of every month of every two-digit year', () => {
      const dates = digits(40).flatMap((day) =>
        MONTHS.flatMap((month) => digits(100).map((year) => `${day}-${month}-${year} 10:27:44`)),
      );
      expect(disagreements(dates)).toEqual([]);
    });

    it('the same times of day, 00 to 99 of each part', () => {
      const times = digits(100).flatMap((first) =>
        digits(100).flatMap((second) => [`24-JAN-18 ${first}:${second}:44`, `24-JAN-18 10:${first}:${second}`]),
      );
      expect(disagreements(times)).toEqual([]);
    });
  });
});
