import { addDecimal, compareDecimals, sumDecimals, sumValidDecimals, toDecimal } from './decimal';

describe('addDecimal', () => {
  test('adds amounts exactly where floating point does not', () => {
    expect(0.1 + 0.2).not.toBe(0.3);
    expect(addDecimal(addDecimal('0', 0.1), 0.2)).toBe('0.3');
    expect(addDecimal('747.1', 747.1)).toBe('1494.2');
    expect(addDecimal('1000', 747.1)).toBe('1747.1');
  });

  test('carries across the point and across digits', () => {
    expect(addDecimal('999.99', 0.01)).toBe('1000');
    expect(addDecimal('0.999', '0.001')).toBe('1');
    expect(addDecimal('99999999999999999999', 1)).toBe('100000000000000000000');
  });

  test('aligns different scales', () => {
    expect(addDecimal('1.5', '0.25')).toBe('1.75');
    expect(addDecimal('12', 0.005)).toBe('12.005');
    expect(addDecimal('0.000001', 1000000)).toBe('1000000.000001');
  });

  test('reads numbers written in exponent form by String(number)', () => {
    expect(String(1e-7)).toBe('1e-7');
    expect(addDecimal('0', 1e-7)).toBe('0.0000001');
    expect(addDecimal('0', 1.5e-7)).toBe('0.00000015');
    expect(String(1.5e21)).toBe('1.5e+21');
    expect(addDecimal('0', 1.5e21)).toBe('1500000000000000000000');
    expect(addDecimal('1', 1e21)).toBe('1000000000000000000001');
    expect(addDecimal('2.5e3', '1E-2')).toBe('2500.01');
  });

  test('answers in canonical form: no trailing zeros, no trailing point, 0 for zero, no exponent', () => {
    expect(addDecimal('1.500', 0)).toBe('1.5');
    expect(addDecimal('1.', '0')).toBe('1');
    expect(addDecimal('0.0', '0.00')).toBe('0');
    expect(addDecimal('-0.5', 0.5)).toBe('0');
    expect(addDecimal('0', 1e21)).toBe('1000000000000000000000');
  });

  test('handles signs', () => {
    expect(addDecimal('5', -7.25)).toBe('-2.25');
    expect(addDecimal('-1.1', '-2.2')).toBe('-3.3');
    expect(addDecimal('-0.01', '+1')).toBe('0.99');
  });

  test('stays exact over many additions', () => {
    let cents = '0';
    let tenths = '0';
    let floating = 0;
    for (let i = 0; i < 100_000; i++) {
      cents = addDecimal(cents, 0.01);
      floating += 0.01;
      if (i < 10_000) tenths = addDecimal(tenths, 0.1);
    }
    expect(floating).not.toBe(1000);
    expect(cents).toBe('1000');
    expect(tenths).toBe('1000');
  });

  test('stays exact where a sum outgrows the integers a double holds exactly', () => {
    expect(addDecimal('999999999999999', '0.1')).toBe('999999999999999.1');
    expect(addDecimal('9007199254740991', 1)).toBe('9007199254740992');
    expect(addDecimal('0.123456789012345', 1e12)).toBe('1000000000000.123456789012345');
    let sum = '0';
    for (let i = 0; i < 20_000; i++) sum = addDecimal(sum, 999_999_999_999.99);
    expect(sum).toBe('19999999999999800');
  });

  test('refuses what is not a finite decimal number', () => {
    expect(() => addDecimal('0', Number.NaN)).toThrow('not a finite decimal number: NaN');
    expect(() => addDecimal('0', Number.POSITIVE_INFINITY)).toThrow(RangeError);
    expect(() => addDecimal('1,5', 1)).toThrow(RangeError);
    expect(() => addDecimal('', 1)).toThrow(RangeError);
    expect(() => addDecimal('.', 1)).toThrow(RangeError);
  });
});

describe('toDecimal', () => {
  test('writes a number by its shortest round-trip form, canonically', () => {
    expect(toDecimal(747.1)).toBe('747.1');
    expect(toDecimal(1e12)).toBe('1000000000000');
    expect(toDecimal(0.7471)).toBe('0.7471');
    expect(toDecimal('003.1400')).toBe('3.14');
    expect(toDecimal(-0)).toBe('0');
  });
});

describe('sumDecimals', () => {
  test('adds numbers and decimal strings of any scale exactly', () => {
    expect(sumDecimals([])).toBe('0');
    expect(sumDecimals([0.1, 0.2, '0.3', 1e-7, -0.6])).toBe('0.0000001');
    expect(sumDecimals([1e12, 0.01, 123456.789])).toBe('1000000123456.799');
  });
});

describe('sumValidDecimals', () => {
  test('adds decimal strings exactly, counting a value that is no decimal number as zero', () => {
    expect(sumValidDecimals(['0.1', '0.2'])).toBe('0.3');
    expect(sumValidDecimals(['1494.2', '5.80', '1'])).toBe('1501');
    expect(sumValidDecimals(['9007199254740993', '1'])).toBe('9007199254740994');
    expect(sumValidDecimals([])).toBe('0');
    expect(sumValidDecimals(['-1.5', '1', 'x'])).toBe('-0.5');
  });
});

describe('compareDecimals', () => {
  test('orders decimals and numbers exactly, whatever their scale', () => {
    expect(compareDecimals(addDecimal('0.1', 0.2), '0.3')).toBe(0);
    expect(compareDecimals('1000.01', '1000')).toBe(1);
    expect(compareDecimals('999.99999999', 1000)).toBe(-1);
    expect(compareDecimals('100000000000000000000.1', '100000000000000000000')).toBe(1);
    expect(compareDecimals('-5', '3')).toBe(-1);
    expect(compareDecimals(1.5e-7, '0.00000015')).toBe(0);
  });
});
