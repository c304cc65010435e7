import type { Decimal } from './model';

/** A decimal as an integer of units of 10^-scale: 12.5 is { units: 125n, scale: 1 }. */
interface Scaled {
  units: bigint;
  scale: number;
}

// What String(number) and our own output look like: sign, digits, optional fraction, optional exponent.
const DECIMAL_FORM = /^([+-]?)(\d*)(?:\.(\d*))?(?:e([+-]?\d+))?$/i;

function parse(value: number | Decimal): Scaled {
  // A number is read by its shortest round-trip form: 0.1 is exactly 0.1, not 0.1000000000000000055….
  const text = typeof value === 'number' ? String(value) : value;
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

const rescale = ({ units, scale }: Scaled, to: number): bigint => units * 10n ** BigInt(to - scale);

/** A number or decimal string in canonical decimal form: 1.5e-7 is '0.00000015'. */
export const toDecimal = (value: number | Decimal): Decimal => format(parse(value));

/** a + b, exactly: '0' + 0.1 + 0.2 is '0.3'. */
export function addDecimal(a: Decimal, b: number | Decimal): Decimal {
  const x = parse(a);
  const y = parse(b);
  const scale = Math.max(x.scale, y.scale);
  return format({ units: rescale(x, scale) + rescale(y, scale), scale });
}
