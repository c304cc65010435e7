import { TRADE_FIELDS, type TradeFields } from '@tradeflow/contract';
import { type FieldError, parseJson, validateTrade } from '../index';

const REFERENCE_JSON =
  '{"userId":"134256","currencyFrom":"EUR","currencyTo":"GBP","amountSell":1000,"amountBuy":747.10,' +
  '"rate":0.7471,"timePlaced":"24-JAN-18 10:27:44","originatingCountry":"FR"}';
const REFERENCE: TradeFields = JSON.parse(REFERENCE_JSON);

type Field = (typeof TRADE_FIELDS)[number];

/** The reference trade with some fields replaced. */
const trade = (changes: Record<string, unknown> = {}): Record<string, unknown> => ({ ...REFERENCE, ...changes });

/** The reference trade with one field removed. */
function without(field: Field): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...REFERENCE };
  delete copy[field];
  return copy;
}

/** The errors of a refused input; fails the test when the input is accepted. */
function errorsOf(input: unknown): FieldError[] {
  const result = validateTrade(input);
  if (result.ok) throw new Error(`expected a refusal, got ${JSON.stringify(result.trade)}`);
  return result.errors;
}

/** Asserts that the input is refused with exactly one error, on `field`, naming it. */
function expectRefused(input: unknown, field: string, message?: string | RegExp): void {
  const errors = errorsOf(input);
  expect(errors).toHaveLength(1);
  const [error] = errors;
  expect(error.field).toBe(field);
  if (field) expect(error.message).toContain(field);
  if (typeof message === 'string') expect(error.message).toBe(message);
  else if (message) expect(error.message).toMatch(message);
}

/** Asserts that the input is accepted and the trade is exactly its eight fields. */
function expectAccepted(input: Record<string, unknown>): void {
  const result = validateTrade(input);
  if (!result.ok) throw new Error(`expected acceptance, got ${JSON.stringify(result.errors)}`);
  const expected = Object.fromEntries(TRADE_FIELDS.map((field) => [field, input[field]]));
  expect(result.trade).toEqual(expected);
}

const MESSAGE = {
  notObject: 'a trade must be a JSON object',
  required: (field: string) => `${field} is required`,
  notField: (key: string) => `${key} is not a trade field`,
  string: (field: string) => `${field} must be a string`,
  userId: 'userId must be 1 to 64 characters of A-Z, a-z, 0-9, _ and -',
  currencyForm: (field: string, example: string) => `${field} must be three upper-case letters, such as ${example}`,
  currencyCode: (field: string) => `${field} must be an ISO 4217 currency code`,
  differs: 'currencyTo must differ from currencyFrom',
  finite: (field: string) => `${field} must be a finite JSON number`,
  positive: (field: string) => `${field} must be greater than 0`,
  max: (field: string) => `${field} must be at most 1000000000000`,
  smallestUnit: (field: string, unit: string, currency: string) =>
    `${field} must be at least ${unit}, the smallest unit of ${currency}`,
  decimals: (field: string) => `${field} must have at most 8 decimal places`,
  repeated: (field: string) => `${field} is given more than once`,
  tolerance: 'amountBuy must be within 1% of amountSell × rate',
  timePlaced: 'timePlaced must be a real date-time in the form DD-MMM-YY HH:mm:ss, such as 24-JAN-18 10:27:44',
  countryForm: 'originatingCountry must be two upper-case letters, such as FR',
  countryCode: 'originatingCountry must be an assigned ISO 3166-1 alpha-2 country code',
};

describe('validateTrade', () => {
  describe('the reference trade', () => {
    it('is accepted as parsed from JSON', () => {
      expect(validateTrade(JSON.parse(REFERENCE_JSON))).toEqual({ ok: true, trade: REFERENCE });
    });

    it('yields a new object of exactly the eight fields, in the trade field order', () => {
      const input = JSON.parse(REFERENCE_JSON);
      const result = validateTrade(input);
      if (!result.ok) throw new Error('refused');
      expect(Object.keys(result.trade)).toEqual([...TRADE_FIELDS]);
      expect(result.trade).not.toBe(input);
      expect(Object.getPrototypeOf(result.trade)).toBe(Object.prototype);
    });

    it('does not alter its input', () => {
      const input = JSON.parse(REFERENCE_JSON);
      validateTrade(input);
      expect(input).toEqual(REFERENCE);
    });
  });

  describe('shape: exactly the eight fields', () => {
    test.each([
      ['an array', []],
      ['an array of the trade', [JSON.parse(REFERENCE_JSON)]],
      ['null', null],
      ['undefined', undefined],
      ['a string', REFERENCE_JSON],
      ['a number', 42],
      ['a boolean', true],
    ])('refuses %s as a whole, with field ""', (_name, input) => {
      expect(errorsOf(input)).toEqual([{ field: '', message: MESSAGE.notObject }]);
    });

    test.each(['note', 'id', 'constructor', 'toString', 'hasOwnProperty', 'UserId'])(
      'refuses the extra key %j, naming it',
      (key) => {
        expectRefused(trade({ [key]: 'x' }), key, MESSAGE.notField(key));
      },
    );

    it('reports each extra key, in input order, before the trade fields', () => {
      expect(errorsOf(trade({ b: 1, a: 2, userId: '' }))).toEqual([
        { field: 'b', message: MESSAGE.notField('b') },
        { field: 'a', message: MESSAGE.notField('a') },
        { field: 'userId', message: MESSAGE.userId },
      ]);
    });

    test.each(TRADE_FIELDS)('refuses a missing %s as required', (field) => {
      expectRefused(without(field), field, MESSAGE.required(field));
    });

    test.each(TRADE_FIELDS)('refuses a null %s as required', (field) => {
      expectRefused(trade({ [field]: null }), field, MESSAGE.required(field));
    });

    test.each(TRADE_FIELDS)('refuses an undefined %s as required', (field) => {
      expectRefused(trade({ [field]: undefined }), field, MESSAGE.required(field));
    });

    it('reports every field of an empty object as required, in field order', () => {
      expect(errorsOf({})).toEqual(TRADE_FIELDS.map((field) => ({ field, message: MESSAGE.required(field) })));
    });

    describe('a key given more than once in the JSON text', () => {
      /** The reference trade's JSON with `extra` members inserted before its first. */
      const withMembers = (extra: string) => `{${extra},${REFERENCE_JSON.slice(1)}`;
      const parsed = (text: string) => {
        const result = parseJson(text);
        if (!result.ok) throw new Error(`not parsed: ${result.message}`);
        return result.value;
      };

      test.each(TRADE_FIELDS)('refuses %s given twice, whichever value comes last', (field) => {
        const body = withMembers(`"${field}":${JSON.stringify(REFERENCE[field])}`);
        expectRefused(parsed(body), field, MESSAGE.repeated(field));
      });

      it('refuses amountSell given as -5 before its valid value, which JSON.parse alone would take', () => {
        const body = withMembers('"amountSell":-5');
        expect(JSON.parse(body).amountSell).toBe(1000);
        expectRefused(parsed(body), 'amountSell', MESSAGE.repeated('amountSell'));
      });

      it('recognises a key with whitespace before its colon', () => {
        expectRefused(parsed(withMembers(' "rate" \n\t: 1 ')), 'rate', MESSAGE.repeated('rate'));
      });

      it('recognises a field given again after many other keys', () => {
        const others = Array.from({ length: 40 }, (_, n) => `"k${n}":${n}`).join(',');
        const errors = errorsOf(parsed(withMembers(`${others},"rate":1`)));
        expect(errors.slice(-1)).toEqual([{ field: 'rate', message: MESSAGE.repeated('rate') }]);
        expect(errors).toHaveLength(41);
      });

      it('recognises a key spelt with escapes', () => {
        expectRefused(parsed(withMembers('"amount\\u0053ell":5')), 'amountSell', MESSAGE.repeated('amountSell'));
      });

      it('reports each repeated field once, in trade order, with any other error', () => {
        const body = withMembers('"rate":1,"userId":"x","rate":2,"note":1,"note":2');
        expect(errorsOf(parsed(body))).toEqual([
          { field: 'note', message: MESSAGE.notField('note') },
          { field: 'userId', message: MESSAGE.repeated('userId') },
          { field: 'rate', message: MESSAGE.repeated('rate') },
        ]);
      });

      it('is told apart from the same text within a string', () => {
        const body = withMembers('"note":"\\",\\"amountSell\\":5,\\"\\\\"');
        expect(JSON.parse(body).note).toBe('","amountSell":5,"\\');
        expectRefused(parsed(body), 'note', MESSAGE.notField('note'));
      });

      it('refuses the trades of a JSON array that repeat a key, and only those', () => {
        const trades = parsed(
          `[${REFERENCE_JSON},${withMembers('"currencyTo":"USD"')},${REFERENCE_JSON}]`,
        ) as unknown[];
        expect(trades.map((input) => validateTrade(input).ok)).toEqual([true, false, true]);
        expectRefused(trades[1], 'currencyTo', MESSAGE.repeated('currencyTo'));
      });
    });

    describe('a JSON "__proto__" key', () => {
      const withProto = (proto: string, body = REFERENCE_JSON) => JSON.parse(`{"__proto__":${proto},${body.slice(1)}`);

      afterEach(() => {
        // Nothing may have leaked onto the shared prototypes.
        expect(Object.prototype).not.toHaveProperty('polluted');
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      });

      it('is an own key of the parsed JSON (the premise of these tests)', () => {
        const input = withProto('{"polluted":true}');
        expect(Object.keys(input)).toContain('__proto__');
        expect(Object.getPrototypeOf(input)).toBe(Object.prototype);
      });

      it('is refused, naming it', () => {
        expectRefused(withProto('{"polluted":true}'), '__proto__', MESSAGE.notField('__proto__'));
      });

      test.each(['{"polluted":true}', 'null', '[]', '"x"', '{"userId":"x","polluted":true}'])(
        'changes no prototype when its value is %s',
        (proto) => {
          const input = withProto(proto);
          errorsOf(input);
          expect(Object.getPrototypeOf(input)).toBe(Object.prototype);
          expect((input as Record<string, unknown>).polluted).toBeUndefined();
        },
      );

      it('cannot supply a missing field', () => {
        const body = JSON.stringify(without('userId'));
        const errors = errorsOf(withProto('{"userId":"134256"}', body));
        expect(errors).toEqual([
          { field: '__proto__', message: MESSAGE.notField('__proto__') },
          { field: 'userId', message: MESSAGE.required('userId') },
        ]);
      });
    });
  });

  describe('userId', () => {
    test.each([
      ['the reference', '134256'],
      ['one character', 'a'],
      ['64 characters', 'a'.repeat(64)],
      ['every allowed kind of character', 'Az09_-'],
      ['only a dash', '-'],
      ['only an underscore', '_'],
    ])('accepts %s', (_name, userId) => expectAccepted(trade({ userId })));

    test.each([
      ['empty', ''],
      ['65 characters', 'a'.repeat(65)],
      ['a space', 'user 1'],
      ['a leading space', ' 134256'],
      ['a trailing newline', '134256\n'],
      ['a dot', 'user.1'],
      ['an @', 'user@example'],
      ['non-ASCII letters', 'usér'],
      ['non-ASCII digits', '１２３'],
      ['an emoji', 'user🙂'],
    ])('refuses %s', (_name, userId) => expectRefused(trade({ userId }), 'userId', MESSAGE.userId));

    test.each([
      ['a number', 134256],
      ['a boolean', true],
      ['an array', ['134256']],
      ['an object', { id: '134256' }],
    ])('refuses %s as not a string', (_name, userId) =>
      expectRefused(trade({ userId }), 'userId', MESSAGE.string('userId')),
    );
  });

  describe.each([
    ['currencyFrom', 'EUR', 'GBP'],
    ['currencyTo', 'GBP', 'EUR'],
  ] as const)('%s', (field, example, other) => {
    // Keep the two currencies different so that only the rule under test can fail.
    const otherField = field === 'currencyFrom' ? 'currencyTo' : 'currencyFrom';
    const withCurrency = (code: unknown) => trade({ [field]: code, [otherField]: code === 'JPY' ? 'USD' : 'JPY' });

    test.each([example, other, 'USD', 'JPY', 'CHF'])('accepts %s', (code) => expectAccepted(withCurrency(code)));

    test.each(['eur', 'Eur', 'EUr', 'usd'])('refuses the lower-case %s', (code) =>
      expectRefused(withCurrency(code), field, MESSAGE.currencyForm(field, example)),
    );

    test.each(['EURO', 'EU', 'E', '', ' EUR', 'EUR ', 'E1R', 'ÉUR'])('refuses the malformed %j', (code) =>
      expectRefused(withCurrency(code), field, MESSAGE.currencyForm(field, example)),
    );

    test.each(['XYZ', 'ABC', 'AAA', 'EUU'])('refuses %s, which is not an ISO 4217 code', (code) =>
      expectRefused(withCurrency(code), field, MESSAGE.currencyCode(field)),
    );

    test.each([
      ['a number', 978],
      ['an array', ['EUR']],
    ])('refuses %s as not a string', (_name, code) => expectRefused(withCurrency(code), field, MESSAGE.string(field)));
  });

  describe('currencyFrom and currencyTo differ', () => {
    it('accepts two different currencies', () => expectAccepted(trade({ currencyFrom: 'EUR', currencyTo: 'USD' })));

    test.each(['EUR', 'GBP'])('refuses %s to %s on field currencyTo', (code) => {
      expectRefused(trade({ currencyFrom: code, currencyTo: code }), 'currencyTo', MESSAGE.differs);
    });

    it('reports a malformed pair by its form, not by being equal', () => {
      expect(errorsOf(trade({ currencyFrom: 'eur', currencyTo: 'eur' }))).toEqual([
        { field: 'currencyFrom', message: MESSAGE.currencyForm('currencyFrom', 'EUR') },
        { field: 'currencyTo', message: MESSAGE.currencyForm('currencyTo', 'GBP') },
      ]);
    });

    it('does not compare with a missing currencyFrom', () => {
      expectRefused(without('currencyFrom'), 'currencyFrom', MESSAGE.required('currencyFrom'));
    });
  });

  describe('amountSell, amountBuy and rate: finite positive JSON numbers', () => {
    describe.each(['amountSell', 'amountBuy', 'rate'] as const)('%s', (field) => {
      test.each([
        ['a numeric string', '1000'],
        ['a string', 'abc'],
        ['the empty string', ''],
        ['a boolean', true],
        ['an array', [1000]],
        ['an object', { value: 1000 }],
        ['Infinity', Infinity],
        ['-Infinity', -Infinity],
        ['NaN', NaN],
      ])('refuses %s as not a finite JSON number', (_name, value) => {
        expectRefused(trade({ [field]: value }), field, MESSAGE.finite(field));
      });

      it('refuses 1e999 from JSON, which parses as Infinity', () => {
        const body = JSON.stringify(trade({ [field]: 0 })).replace(`"${field}":0`, `"${field}":1e999`);
        const input = JSON.parse(body);
        expect(input[field]).toBe(Infinity);
        expectRefused(input, field, MESSAGE.finite(field));
      });

      test.each([
        ['0', 0],
        ['-0', -0],
        ['-1', -1],
        ['-1000', -1000],
        ['the smallest negative number', -Number.MIN_VALUE],
      ])('refuses %s as not greater than 0', (_name, value) => {
        expectRefused(trade({ [field]: value }), field, MESSAGE.positive(field));
      });
    });

    it('accepts a tiny positive rate', () => expectAccepted(trade({ amountSell: 1e9, rate: 1e-9, amountBuy: 1 })));

    it('accepts amountSell at 1e12', () => expectAccepted(trade({ amountSell: 1e12, amountBuy: 7.471e11 })));

    it('refuses amountSell just above 1e12', () => {
      const amountSell = 1e12 * 1.0000001;
      expectRefused(trade({ amountSell, amountBuy: amountSell * 0.7471 }), 'amountSell', MESSAGE.max('amountSell'));
    });

    it('accepts amountBuy at 1e12', () => expectAccepted(trade({ amountSell: 5e11, rate: 2, amountBuy: 1e12 })));

    it('refuses amountBuy just above 1e12', () => {
      const amountSell = 5e11 * 1.0000001;
      expectRefused(trade({ amountSell, rate: 2, amountBuy: amountSell * 2 }), 'amountBuy', MESSAGE.max('amountBuy'));
    });

    it('puts no upper bound on rate', () => {
      expectAccepted(trade({ amountSell: 1, rate: 1e6, amountBuy: 1e6 }));
    });
  });

  describe('amountBuy within 1% of amountSell × rate', () => {
    const expected = 1000 * 0.7471; // 747.1

    test.each([
      ['exactly amountSell × rate', expected],
      ['exactly 1% above', expected * 1.01],
      ['exactly 1% below', expected * 0.99],
      ['exactly 1% above, written in decimal', 754.571],
      ['exactly 1% below, written in decimal', 739.629],
      ['0.99% above', expected * 1.0099],
      ['0.99% below', expected * 0.9901],
    ])('accepts %s', (_name, amountBuy) => expectAccepted(trade({ amountBuy })));

    test.each([
      ['1.01% above', expected * 1.0101],
      ['1.01% below', expected * 0.9899],
      ['double', expected * 2],
      ['amountSell instead', 1000],
    ])('refuses %s on field amountBuy', (_name, amountBuy) =>
      expectRefused(trade({ amountBuy }), 'amountBuy', MESSAGE.tolerance),
    );

    it('holds for large amounts too', () => {
      expectAccepted(trade({ amountSell: 1e11, rate: 3, amountBuy: 3.03e11 }));
      expectRefused(trade({ amountSell: 1e11, rate: 3, amountBuy: 3.0303e11 }), 'amountBuy', MESSAGE.tolerance);
    });

    test.each([
      ['missing', undefined],
      ['null', null],
      ['a numeric string', '1000'],
      ['a string', 'abc'],
      ['Infinity', Infinity],
      ['NaN', NaN],
      ['0', 0],
      ['negative', -1000],
      ['above 1e12', 2e12],
      ['below the smallest unit of EUR', 0.001],
      ['of 9 decimal places', 1000.000000001],
    ])('reports only amountSell when amountSell is %s', (_name, amountSell) => {
      const errors = errorsOf(trade({ amountSell }));
      expect(errors.map((error) => error.field)).toEqual(['amountSell']);
    });

    test.each([
      ['missing', undefined],
      ['a numeric string', '0.7471'],
      ['NaN', NaN],
      ['0', 0],
      ['negative', -0.7471],
    ])('reports only rate when rate is %s', (_name, rate) => {
      const errors = errorsOf(trade({ rate }));
      expect(errors.map((error) => error.field)).toEqual(['rate']);
    });
  });

  describe('amountSell and amountBuy: at least the smallest unit of their currency, at most 8 decimal places', () => {
    /** A trade of `amount` sold in `from` and bought in `to` at rate 1, amountSell and amountBuy alike. */
    const atPar = (amount: number, from = 'EUR', to = 'GBP') =>
      trade({ currencyFrom: from, currencyTo: to, amountSell: amount, amountBuy: amount, rate: 1 });

    test.each([
      ['a cent of EUR and GBP', 0.01, 'EUR', 'GBP'],
      ['a yen', 1, 'JPY', 'KRW'],
      ['a fils of BHD and KWD', 0.001, 'BHD', 'KWD'],
      ['a ten-thousandth of CLF and UYW', 0.0001, 'CLF', 'UYW'],
      ['a thousandth of an ounce of gold or silver, which have no minor unit', 0.001, 'XAU', 'XAG'],
      ['8 decimal places', 1000.12345678, 'EUR', 'GBP'],
      ['8 decimal places of a currency without cents', 1000.12345678, 'JPY', 'KRW'],
    ])('accepts %s', (_name, amount, from, to) => expectAccepted(atPar(amount, from, to)));

    it('refuses 1e-320, the decimal of 325 digits once summed, in each field', () => {
      expect(errorsOf(atPar(1e-320))).toEqual([
        { field: 'amountSell', message: MESSAGE.smallestUnit('amountSell', '0.01', 'EUR') },
        { field: 'amountBuy', message: MESSAGE.smallestUnit('amountBuy', '0.01', 'GBP') },
      ]);
    });

    test.each([
      ['half a cent', 0.005, 'EUR', 'GBP', '0.01'],
      ['half a yen', 0.5, 'JPY', 'KRW', '1'],
      ['half a fils', 0.0005, 'BHD', 'KWD', '0.001'],
      ['the smallest positive number', Number.MIN_VALUE, 'CLF', 'UYW', '0.0001'],
    ])('refuses %s in each field', (_name, amount, from, to, unit) => {
      expect(errorsOf(atPar(amount, from, to))).toEqual([
        { field: 'amountSell', message: MESSAGE.smallestUnit('amountSell', unit, from) },
        { field: 'amountBuy', message: MESSAGE.smallestUnit('amountBuy', unit, to) },
      ]);
    });

    test.each([
      ['9 decimal places', 1000.123456789, 'EUR', 'GBP'],
      ['1e-9 of a currency without a minor unit', 1e-9, 'XAU', 'XAG'],
      ['1e-320 of a currency without a minor unit', 1e-320, 'XAU', 'XAG'],
    ])('refuses %s in each field', (_name, amount, from, to) => {
      expect(errorsOf(atPar(amount, from, to))).toEqual([
        { field: 'amountSell', message: MESSAGE.decimals('amountSell') },
        { field: 'amountBuy', message: MESSAGE.decimals('amountBuy') },
      ]);
    });

    it('bounds the decimal places of an amount whose currency is refused, its smallest unit unknown', () => {
      expect(errorsOf(atPar(1e-320, 'XYZ', 'gbp'))).toEqual([
        { field: 'currencyFrom', message: MESSAGE.currencyCode('currencyFrom') },
        { field: 'currencyTo', message: MESSAGE.currencyForm('currencyTo', 'GBP') },
        { field: 'amountSell', message: MESSAGE.decimals('amountSell') },
        { field: 'amountBuy', message: MESSAGE.decimals('amountBuy') },
      ]);
    });
  });

  describe('timePlaced', () => {
    test.each([
      '24-JAN-18 10:27:44',
      '24-jan-18 10:27:44',
      '29-FEB-20 00:00:00',
      '24-JAN-18 23:59:59',
      '31-DEC-68 23:59:59',
      '01-JAN-69 00:00:00',
    ])('accepts %j', (timePlaced) => expectAccepted(trade({ timePlaced })));

    test.each([
      '31-FEB-18 10:27:44',
      '29-FEB-19 10:27:44',
      '24-JAN-18 24:00:00',
      '24-JAN-18 10:60:44',
      '24-JAN-18 10:27:60',
      '24/JAN/18 10:27:44',
      '4-JAN-18 10:27:44',
      '24-JAN-2018 10:27:44',
      '24-JAN-18 10:27:44 UTC',
      '2018-01-24T10:27:44Z',
      '',
    ])('refuses %j', (timePlaced) => expectRefused(trade({ timePlaced }), 'timePlaced', MESSAGE.timePlaced));

    test.each([
      ['a number', 1516789664000],
      ['a Date', new Date('2018-01-24T10:27:44Z')],
    ])('refuses %s as not a string', (_name, timePlaced) =>
      expectRefused(trade({ timePlaced }), 'timePlaced', MESSAGE.string('timePlaced')),
    );
  });

  describe('originatingCountry', () => {
    test.each(['FR', 'GB', 'US', 'DE', 'JP'])('accepts %s', (originatingCountry) =>
      expectAccepted(trade({ originatingCountry })),
    );

    test.each(['fr', 'Fr', 'fR', 'gb', 'FRA', 'F', '', ' FR', 'F1', 'ÉS'])(
      'refuses the malformed %j',
      (originatingCountry) => expectRefused(trade({ originatingCountry }), 'originatingCountry', MESSAGE.countryForm),
    );

    // "UK" is only "exceptionally reserved" in ISO 3166-1 (the United Kingdom is GB), and "EU" is
    // likewise reserved, not assigned; "XX" and "ZZ" are user-assigned ranges.
    test.each(['XX', 'ZZ', 'UK', 'EU', 'AB'])('refuses %s, which is not an assigned code', (originatingCountry) =>
      expectRefused(trade({ originatingCountry }), 'originatingCountry', MESSAGE.countryCode),
    );

    test.each([
      ['a number', 250],
      ['an array', ['FR']],
    ])('refuses %s as not a string', (_name, originatingCountry) =>
      expectRefused(trade({ originatingCountry }), 'originatingCountry', MESSAGE.string('originatingCountry')),
    );
  });

  describe('several errors', () => {
    it('reports every offending field once, in trade field order', () => {
      const input = {
        originatingCountry: 'fr',
        timePlaced: '31-FEB-18 10:27:44',
        rate: 0,
        amountSell: 'abc',
        currencyTo: 'EUR',
        currencyFrom: 'EUR',
        userId: 134256,
      };
      expect(errorsOf(input)).toEqual([
        { field: 'userId', message: MESSAGE.string('userId') },
        { field: 'currencyTo', message: MESSAGE.differs },
        { field: 'amountSell', message: MESSAGE.finite('amountSell') },
        { field: 'amountBuy', message: MESSAGE.required('amountBuy') },
        { field: 'rate', message: MESSAGE.positive('rate') },
        { field: 'timePlaced', message: MESSAGE.timePlaced },
        { field: 'originatingCountry', message: MESSAGE.countryForm },
      ]);
    });

    it('reports all eight fields when all are wrong, each by its most basic rule', () => {
      const errors = errorsOf({
        userId: '',
        currencyFrom: 'eur',
        currencyTo: 'XYZ',
        amountSell: '1000',
        amountBuy: -1,
        rate: Infinity,
        timePlaced: 'yesterday',
        originatingCountry: 'UK',
      });
      expect(errors).toEqual([
        { field: 'userId', message: MESSAGE.userId },
        { field: 'currencyFrom', message: MESSAGE.currencyForm('currencyFrom', 'EUR') },
        { field: 'currencyTo', message: MESSAGE.currencyCode('currencyTo') },
        { field: 'amountSell', message: MESSAGE.finite('amountSell') },
        { field: 'amountBuy', message: MESSAGE.positive('amountBuy') },
        { field: 'rate', message: MESSAGE.finite('rate') },
        { field: 'timePlaced', message: MESSAGE.timePlaced },
        { field: 'originatingCountry', message: MESSAGE.countryCode },
      ]);
    });

    test.each([
      // value, the message of the first (most basic) broken rule, although later rules break too
      ['amountSell', 'abc', MESSAGE.finite('amountSell')],
      ['amountSell', '2000000000000', MESSAGE.finite('amountSell')],
      ['amountSell', -Infinity, MESSAGE.finite('amountSell')],
      ['amountBuy', 'abc', MESSAGE.finite('amountBuy')],
      ['amountBuy', -5, MESSAGE.positive('amountBuy')],
      ['amountBuy', 2e12, MESSAGE.max('amountBuy')],
      ['rate', '-1', MESSAGE.finite('rate')],
      ['userId', 12, MESSAGE.string('userId')],
      ['currencyFrom', 'eu', MESSAGE.currencyForm('currencyFrom', 'EUR')],
      ['currencyTo', 123, MESSAGE.string('currencyTo')],
      ['currencyTo', 'eur', MESSAGE.currencyForm('currencyTo', 'GBP')],
      ['timePlaced', 20180124, MESSAGE.string('timePlaced')],
      ['originatingCountry', 'xx', MESSAGE.countryForm],
    ])('reports %s %j by its first broken rule only', (field, value, message) => {
      expect(errorsOf(trade({ [field]: value }))).toEqual([{ field, message }]);
    });
  });
});
