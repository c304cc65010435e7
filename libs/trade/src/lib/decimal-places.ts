/**
 * The decimal places of a number as JavaScript writes it, in its shortest round-trip form (as
 * libs/fold reads amounts): 747.1 has 1, 1e-7 has 7, 1.5e-320 has 321, 1e21 has none.
 */
export function decimalPlaces(value: number): number {
  const text = String(value);
  const exponent = text.indexOf('e');
  const end = exponent < 0 ? text.length : exponent;
  const point = text.indexOf('.');
  const fractionDigits = point < 0 ? 0 : end - point - 1;
  return exponent < 0 ? fractionDigits : Math.max(0, fractionDigits - Number(text.slice(exponent + 1)));
}
