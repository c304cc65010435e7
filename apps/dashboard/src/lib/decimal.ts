import type { Decimal } from './protocol';

const FORM = /^(-?)(\d+)(?:\.(\d+))?$/;

/**
 * The exact sum of decimal strings ("0.1" + "0.2" is "0.3"), for totals the page adds up itself;
 * a value that is not a plain decimal counts as zero.
 */
export function sumDecimals(values: Iterable<Decimal>): Decimal {
  let units = 0n;
  let scale = 0;
  for (const value of values) {
    const match = FORM.exec(value.trim());
    if (!match) continue;
    const [, sign, whole, fraction = ''] = match;
    if (fraction.length > scale) {
      units *= 10n ** BigInt(fraction.length - scale);
      scale = fraction.length;
    }
    const term = BigInt(whole + fraction.padEnd(scale, '0'));
    units += sign ? -term : term;
  }
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(scale + 1, '0');
  const whole = digits.slice(0, digits.length - scale);
  const fraction = digits.slice(digits.length - scale).replace(/0+$/, '');
  return `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
}
