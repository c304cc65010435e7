/** Below this, a number of at most 8 decimal places times 10^8 is a safe integer, and exactly so once rounded. */
const EXACT_BELOW = 1e7;

/**
 * Whether a number as JavaScript writes it (its shortest round-trip form, as libs/fold reads
 * amounts) has at most `places` (up to 8) decimal places: 747.1 has 1, 1e-7 has 7, 1e-320 has 320.
 * Below 1e7 by arithmetic (such a number has at most `places` when scaling it by 10^places and
 * back gives it again); from there by its text.
 */
export function hasAtMostDecimalPlaces(value: number, places: number): boolean {
  if (Math.abs(value) < EXACT_BELOW) {
    const scale = 10 ** places;
    return Math.round(value * scale) / scale === value;
  }
  return decimalPlaces(value) <= places;
}

function decimalPlaces(value: number): number {
  const text = String(value);
  const exponent = text.indexOf('e');
  const end = exponent < 0 ? text.length : exponent;
  const point = text.indexOf('.');
  const fractionDigits = point < 0 ? 0 : end - point - 1;
  return exponent < 0 ? fractionDigits : Math.max(0, fractionDigits - Number(text.slice(exponent + 1)));
}
