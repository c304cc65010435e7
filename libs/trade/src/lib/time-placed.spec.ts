import { formatTimePlaced, parseTimePlaced } from '../index';

/** The ISO-8601 form of what parseTimePlaced read, or null when it refused the text. */
const iso = (text: string): string | null => parseTimePlaced(text)?.toISOString() ?? null;

describe('parseTimePlaced', () => {
  describe('the reference form DD-MMM-YY HH:mm:ss', () => {
    it('reads the reference time as UTC', () => {
      const date = parseTimePlaced('24-JAN-18 10:27:44');
      expect(date).toBeInstanceOf(Date);
      expect(date?.toISOString()).toBe('2018-01-24T10:27:44.000Z');
    });

    test.each(['24-jan-18 10:27:44', '24-Jan-18 10:27:44', '24-jAN-18 10:27:44'])(
      'accepts the month in any case: %s',
      (text) => expect(iso(text)).toBe('2018-01-24T10:27:44.000Z'),
    );

    test.each([
      ['15-FEB-18 00:00:00', '2018-02-15T00:00:00.000Z'],
      ['15-MAR-18 00:00:00', '2018-03-15T00:00:00.000Z'],
      ['15-APR-18 00:00:00', '2018-04-15T00:00:00.000Z'],
      ['15-MAY-18 00:00:00', '2018-05-15T00:00:00.000Z'],
      ['15-JUN-18 00:00:00', '2018-06-15T00:00:00.000Z'],
      ['15-JUL-18 00:00:00', '2018-07-15T00:00:00.000Z'],
      ['15-AUG-18 00:00:00', '2018-08-15T00:00:00.000Z'],
      ['15-SEP-18 00:00:00', '2018-09-15T00:00:00.000Z'],
      ['15-OCT-18 00:00:00', '2018-10-15T00:00:00.000Z'],
      ['15-NOV-18 00:00:00', '2018-11-15T00:00:00.000Z'],
      ['15-DEC-18 00:00:00', '2018-12-15T00:00:00.000Z'],
    ])('knows every month: %s', (text, expected) => expect(iso(text)).toBe(expected));

    test.each(['24-JNA-18 10:27:44', '24-JUNE-18 10:27:44', '24-JU-18 10:27:44', '24-001-18 10:27:44'])(
      'refuses a month that is not a three-letter English abbreviation: %s',
      (text) => expect(parseTimePlaced(text)).toBeNull(),
    );
  });

  describe('real dates only', () => {
    test.each([
      ['31-JAN-18 00:00:00', '2018-01-31T00:00:00.000Z'],
      ['28-FEB-18 00:00:00', '2018-02-28T00:00:00.000Z'],
      ['29-FEB-20 00:00:00', '2020-02-29T00:00:00.000Z'],
      ['29-FEB-00 00:00:00', '2000-02-29T00:00:00.000Z'],
      ['30-APR-18 00:00:00', '2018-04-30T00:00:00.000Z'],
      ['31-DEC-18 00:00:00', '2018-12-31T00:00:00.000Z'],
      ['01-JAN-18 00:00:00', '2018-01-01T00:00:00.000Z'],
    ])('accepts the existing date %s', (text, expected) => expect(iso(text)).toBe(expected));

    test.each([
      '31-FEB-18 00:00:00',
      '30-FEB-20 00:00:00',
      '29-FEB-18 00:00:00',
      '29-FEB-19 00:00:00',
      '31-APR-18 00:00:00',
      '32-JAN-18 00:00:00',
      '00-JAN-18 00:00:00',
      '99-DEC-18 00:00:00',
    ])('refuses the non-existent date %s', (text) => expect(parseTimePlaced(text)).toBeNull());
  });

  describe('time-of-day bounds', () => {
    test.each([
      ['24-JAN-18 00:00:00', '2018-01-24T00:00:00.000Z'],
      ['24-JAN-18 23:00:00', '2018-01-24T23:00:00.000Z'],
      ['24-JAN-18 10:59:00', '2018-01-24T10:59:00.000Z'],
      ['24-JAN-18 10:00:59', '2018-01-24T10:00:59.000Z'],
      ['24-JAN-18 23:59:59', '2018-01-24T23:59:59.000Z'],
    ])('accepts %s', (text, expected) => expect(iso(text)).toBe(expected));

    test.each([
      ['hour 24', '24-JAN-18 24:00:00'],
      ['hour 99', '24-JAN-18 99:00:00'],
      ['minute 60', '24-JAN-18 10:60:00'],
      ['second 60 (no leap seconds)', '24-JAN-18 10:27:60'],
    ])('refuses %s', (_name, text) => expect(parseTimePlaced(text)).toBeNull());
  });

  describe('strict layout', () => {
    test.each([
      ['one-digit day', '4-JAN-18 10:27:44'],
      ['one-digit hour', '24-JAN-18 1:27:44'],
      ['one-digit minute', '24-JAN-18 10:7:44'],
      ['one-digit second', '24-JAN-18 10:27:4'],
      ['four-digit year', '24-JAN-2018 10:27:44'],
      ['numeric month', '24-01-18 10:27:44'],
      ['slashes for dashes', '24/JAN/18 10:27:44'],
      ['spaces for dashes', '24 JAN 18 10:27:44'],
      ['dots for colons', '24-JAN-18 10.27.44'],
      ['a T between date and time', '24-JAN-18T10:27:44'],
      ['two spaces between date and time', '24-JAN-18  10:27:44'],
      ['no time', '24-JAN-18'],
      ['no seconds', '24-JAN-18 10:27'],
      ['milliseconds', '24-JAN-18 10:27:44.000'],
      ['trailing text', '24-JAN-18 10:27:44Z'],
      ['a trailing space', '24-JAN-18 10:27:44 '],
      ['a trailing newline', '24-JAN-18 10:27:44\n'],
      ['a leading space', ' 24-JAN-18 10:27:44'],
      ['leading text', 'x24-JAN-18 10:27:44'],
      ['non-ASCII digits', '２４-JAN-18 10:27:44'],
      ['ISO 8601', '2018-01-24T10:27:44Z'],
      ['the empty string', ''],
    ])('refuses %s', (_name, text) => expect(parseTimePlaced(text)).toBeNull());
  });

  describe('two-digit year pivot (POSIX: 69-99 -> 19xx, 00-68 -> 20xx)', () => {
    test.each([
      ['00', '2000-01-01T00:00:00.000Z'],
      ['18', '2018-01-01T00:00:00.000Z'],
      ['68', '2068-01-01T00:00:00.000Z'],
      ['69', '1969-01-01T00:00:00.000Z'],
      ['70', '1970-01-01T00:00:00.000Z'],
      ['99', '1999-01-01T00:00:00.000Z'],
    ])('reads year %s as %s', (yy, expected) => expect(iso(`01-JAN-${yy} 00:00:00`)).toBe(expected));

    it('puts the last instant of 68 in 2068 and the first of 69 in 1969', () => {
      expect(iso('31-DEC-68 23:59:59')).toBe('2068-12-31T23:59:59.000Z');
      expect(iso('01-JAN-69 00:00:00')).toBe('1969-01-01T00:00:00.000Z');
    });

    it('applies leap years of the pivoted century', () => {
      expect(iso('29-FEB-68 00:00:00')).toBe('2068-02-29T00:00:00.000Z'); // 2068 is a leap year
      expect(parseTimePlaced('29-FEB-69 00:00:00')).toBeNull(); // 1969 is not
      expect(iso('29-FEB-96 00:00:00')).toBe('1996-02-29T00:00:00.000Z');
    });
  });
});

describe('formatTimePlaced', () => {
  it('writes an instant in the reference form, in UTC, to the second', () => {
    expect(formatTimePlaced(new Date('2018-01-24T10:27:44.999Z'))).toBe('24-JAN-18 10:27:44');
    expect(formatTimePlaced(new Date('2000-12-01T00:00:00Z'))).toBe('01-DEC-00 00:00:00');
  });

  test.each([
    '1969-01-01T00:00:00.000Z',
    '1999-02-28T23:59:59.000Z',
    '2024-02-29T12:00:00.000Z',
    '2068-12-31T23:59:59.000Z',
  ])('is read back by parseTimePlaced as the same instant: %s', (instant) =>
    expect(parseTimePlaced(formatTimePlaced(new Date(instant)))?.toISOString()).toBe(instant),
  );
});
