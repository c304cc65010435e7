import { Formats, NONE, pairLabel, utcTime } from './format';

describe('Formats (en-US)', () => {
  const f = new Formats('en-US');

  test('counts', () => {
    expect(f.count(0)).toBe('0');
    expect(f.count(1234567)).toBe('1,234,567');
    expect(f.count(undefined)).toBe(NONE);
  });

  test('exact decimal strings, with at least two decimals', () => {
    expect(f.amount('1494.2')).toBe('1,494.20');
    expect(f.amount('1000')).toBe('1,000.00');
    expect(f.amount('0.00000015')).toBe('0.00000015');
    // Beyond a double's precision, still exact.
    expect(f.amount('12345678901234567890.12')).toBe('12,345,678,901,234,567,890.12');
    expect(f.amount(747.1)).toBe('747.10');
    expect(f.amount('not a number')).toBe(NONE);
    expect(f.amount(undefined)).toBe(NONE);
  });

  test('changes in percent, signed', () => {
    expect(f.signedPercent(0.4213)).toBe('+0.42%');
    expect(f.signedPercent(-6.2)).toBe('-6.20%');
    expect(f.signedPercent(0)).toBe('0.00%');
    expect(f.signedPercent(Number.NaN)).toBe(NONE);
  });

  test('rates, compact figures, throughput, shares', () => {
    expect(f.rate(0.7471)).toBe('0.7471');
    expect(f.rate(149.2)).toBe('149.2000');
    expect(f.rate(1.23456789)).toBe('1.234568');
    expect(f.compact(1_234_567)).toBe('1.2M');
    expect(f.perSecond(4.26)).toBe('4.3');
    expect(f.perSecond(5123.4)).toBe('5,123');
    expect(f.share(1, 200)).toBe('0.5%');
    expect(f.share(undefined, 200)).toBe(NONE);
    expect(f.share(0, 0)).toBe(NONE);
  });

  test('country names from their codes', () => {
    expect(f.countryName('FR')).toBe('France');
    expect(f.countryName('GB')).toBe('United Kingdom');
  });

  test('another locale groups as people there read', () => {
    expect(new Formats('de-DE').amount('1494.2')).toBe('1.494,20');
  });
});

describe('utcTime', () => {
  const now = Date.parse('2026-03-05T12:00:00Z');
  test('the time today, the date on another day', () => {
    expect(utcTime('2026-03-05T10:27:44.000Z', now)).toBe('10:27:44');
    expect(utcTime('2026-03-05T00:00:00.000Z', now)).toBe('00:00:00');
    expect(utcTime('2026-03-04T23:59:59.000Z', now)).toBe('2026-03-04');
    expect(utcTime('2018-01-24T10:27:44.000Z', now)).toBe('2018-01-24');
    expect(utcTime('nonsense', now)).toBe(NONE);
  });
});

test('pairLabel', () => {
  expect(pairLabel('EUR-GBP')).toBe('EUR → GBP');
});
