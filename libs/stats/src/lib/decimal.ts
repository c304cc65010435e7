import type { Decimal } from './model';

/**
 * A decimal as an integer of units of 10^-scale: 12.5 is { units: 125n, scale: 1 }. Amounts are
 * read into this form once and added up in it; only the sum is written out as a Decimal.
 */
export interface Scaled {
  units: bigint;
  scale: number;
}

// What String(number) and our own output look like: sign, digits, optional fraction, optional exponent.
const DECIMAL_FORM = /^([+-]?)(\d*)(?:\.(\d*))?(?:e([+-]?\d+))?$/i;
// Of these, the form of nearly every amount and of every sum: read by position, which costs less.
const PLAIN_FORM = /^-?\d+(?:\.\d+)?$/;

/** A number or decimal string, exactly. */
export function toScaled(value: number | Decimal): Scaled {
  // A number is read by its shortest round-trip form: 0.1 is exactly 0.1, not 0.1000000000000000055….
  const text = typeof value === 'number' ? String(value) : value;
  if (PLAIN_FORM.test(text)) {
    const point = text.indexOf('.');
    if (point < 0) return { units: BigInt(text), scale: 0 };
    return { units: BigInt(text.slice(0, point) + text.slice(point + 1)), scale: text.length - point - 1 };
  }
  const match = DECIMAL_FORM.exec(text);
  const [, sign = '', whole = '', fraction = '', exponent = '0'] = match ?? [];
  if (!match || whole + fraction === '') throw new RangeError(`not a finite decimal number: ${text}`);
  const units = BigInt(`${sign}${whole}${fraction}`);
  const scale = fraction.length - Number(exponent);
  return scale >= 0 ? { units, scale } : { units: units * 10n ** BigInt(-scale), scale: 0 };
}

/** The canonical form: no exponent, no trailing zeros after the point, no trailing '.', '0' for zero. */
function format({ units, scale }: Scaled): Decimal {
  const digits = (units < 0n ? -units : units).toString().padStart(scale + 1, '0');
  const whole = digits.slice(0, digits.length - scale);
  const fraction = digits.slice(digits.length - scale).replace(/0+$/, '');
  const magnitude = fraction ? `${whole}.${fraction}` : whole;
  return units < 0n ? `-${magnitude}` : magnitude;
}

const rescale = ({ units, scale }: Scaled, to: number): bigint =>
  to === scale ? units : units * 10n ** BigInt(to - scale);

function add(a: Scaled, b: Scaled): Scaled {
  const scale = Math.max(a.scale, b.scale);
  return { units: rescale(a, scale) + rescale(b, scale), scale };
}

/** The exact sum, in canonical form ('0' for none). */
export function sumDecimals(values: Iterable<Scaled>): Decimal {
  let sum: Scaled = { units: 0n, scale: 0 };
  for (const value of values) sum = add(sum, value);
  return format(sum);
}

/** A number or decimal string in canonical decimal form: 1.5e-7 is '0.00000015'. */
export const toDecimal = (value: number | Decimal): Decimal => format(toScaled(value));

/** a + b, exactly: '0' + 0.1 + 0.2 is '0.3'. */
export const addDecimal = (a: Decimal, b: number | Decimal): Decimal => format(add(toScaled(a), toScaled(b)));
