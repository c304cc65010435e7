import type { Decimal } from './figures';

/** A decimal as an integer of units of 10^-scale: 12.5 is { units: 125n, scale: 1 }. */
interface Scaled {
  units: bigint;
  scale: number;
}

// What String(number) and our own output look like: sign, digits, optional fraction, optional exponent.
const DECIMAL_FORM = /^([+-]?)(\d*)(?:\.(\d*))?(?:e([+-]?\d+))?$/i;

/** Any number or decimal string, exactly, as a bigint of units. */
function toScaled(text: string): Scaled {
  const match = DECIMAL_FORM.exec(text);
  const [, sign = '', whole = '', fraction = '', exponent = '0'] = match ?? [];
  if (!match || whole + fraction === '') throw new RangeError(`not a finite decimal number: ${text}`);
  const units = BigInt(`${sign}${whole}${fraction}`);
  const scale = fraction.length - Number(exponent);
  return scale >= 0 ? { units, scale } : { units: units * 10n ** BigInt(-scale), scale: 0 };
}

/** Digits a double holds exactly, whatever they are. */
const SAFE_DIGITS = 15;
const POWERS_OF_TEN = Array.from({ length: SAFE_DIGITS + 1 }, (_, power) => 10 ** power);

// What readSafe read. Module state rather than a returned object: it runs for every amount of
// every trade, and a fold would otherwise allocate an object for each.
let readUnits = 0;
let readScale = 0;

/**
 * Reads the form of nearly every amount and every sum, `-?digits(.digits)?` with at most 15
 * digits, into readUnits/readScale, exactly, as a double holds any 15-digit integer. False for
 * anything else, which toScaled reads.
 */
function readSafe(text: string): boolean {
  const negative = text.charCodeAt(0) === 45; /* - */
  const first = negative ? 1 : 0;
  let units = 0;
  let digits = 0;
  let point = -1;
  for (let i = first; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 48 && code <= 57) {
      units = units * 10 + (code - 48);
      digits++;
    } else if (code === 46 /* . */ && point < 0 && i > first && i < text.length - 1) {
      point = i;
    } else {
      return false;
    }
  }
  if (digits === 0 || digits > SAFE_DIGITS) return false;
  readUnits = negative ? -units : units;
  readScale = point < 0 ? 0 : text.length - point - 1;
  return true;
}

/** The canonical form: no exponent, no trailing zeros after the point, no trailing '.', '0' for zero. */
function format(units: number | bigint, scale: number): Decimal {
  const negative = units < 0;
  const digits = String(negative ? -units : units).padStart(scale + 1, '0');
  const whole = digits.slice(0, digits.length - scale);
  const fraction = digits.slice(digits.length - scale).replace(/0+$/, '');
  const magnitude = fraction ? `${whole}.${fraction}` : whole;
  return negative ? `-${magnitude}` : magnitude;
}

/**
 * Adds up decimals exactly. The sum is kept as an integer of units of 10^-scale: in a double while
 * every step stays a safe integer (the common case, and cheap), in a bigint from the first one that
 * would not.
 */
class DecimalSum {
  private units: number | bigint = 0;
  private scale = 0;

  /** Adds a number (read by its shortest round-trip form: 0.1 is exactly 0.1) or a decimal string. */
  add(value: number | Decimal): this {
    const text = typeof value === 'number' ? String(value) : value;
    if (!(readSafe(text) && this.addSafe(readUnits, readScale))) this.addExact(toScaled(text));
    return this;
  }

  /** The sum, in canonical form ('0' for none). */
  toDecimal(): Decimal {
    return format(this.units, this.scale);
  }

  private addSafe(units: number, scale: number): boolean {
    if (typeof this.units !== 'number') return false;
    const to = Math.max(scale, this.scale);
    const current = this.units * POWERS_OF_TEN[to - this.scale];
    const added = units * POWERS_OF_TEN[to - scale];
    const sum = current + added;
    if (!Number.isSafeInteger(current) || !Number.isSafeInteger(added) || !Number.isSafeInteger(sum)) return false;
    this.units = sum;
    this.scale = to;
    return true;
  }

  private addExact({ units, scale }: Scaled): void {
    const to = Math.max(scale, this.scale);
    this.units = BigInt(this.units) * 10n ** BigInt(to - this.scale) + units * 10n ** BigInt(to - scale);
    this.scale = to;
  }
}

/** The exact sum, in canonical form ('0' for none). */
export function sumDecimals(values: Iterable<number | Decimal>): Decimal {
  const sum = new DecimalSum();
  for (const value of values) sum.add(value);
  return sum.toDecimal();
}

/**
 * The exact sum of decimals received from others, for a total the page adds up itself: a value that
 * is no decimal number counts as zero, so that one bad figure does not blank the total.
 */
export function sumValidDecimals(values: Iterable<Decimal>): Decimal {
  const sum = new DecimalSum();
  for (const value of values) {
    try {
      sum.add(value);
    } catch {
      // Not a decimal number (RangeError), and nothing was added.
    }
  }
  return sum.toDecimal();
}

/** A number or decimal string in canonical decimal form: 1.5e-7 is '0.00000015'. */
export const toDecimal = (value: number | Decimal): Decimal => new DecimalSum().add(value).toDecimal();

/** a + b, exactly: '0' + 0.1 + 0.2 is '0.3'. */
export const addDecimal = (a: Decimal, b: number | Decimal): Decimal => new DecimalSum().add(a).add(b).toDecimal();

/** Below 0, 0 or above 0 as a is less than, equal to or more than b, exactly: 0.1 + 0.2 is not above 0.3. */
export function compareDecimals(a: number | Decimal, b: number | Decimal): number {
  const x = toScaled(String(a));
  const y = toScaled(String(b));
  const scale = Math.max(x.scale, y.scale);
  const difference = x.units * 10n ** BigInt(scale - x.scale) - y.units * 10n ** BigInt(scale - y.scale);
  return difference < 0n ? -1 : difference > 0n ? 1 : 0;
}
