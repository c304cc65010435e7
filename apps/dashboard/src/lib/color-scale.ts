/** Low to high, readable on the page's dark background; the map's shades and its legend. */
export const SHADES = ['#2b5676', '#1f7ea3', '#22a6b3', '#6cc891', '#e6e16c'] as const;
/** A country without trades. */
export const NO_TRADES = '#2c3642';

/** The smallest of 1, 2, 5, 10, 20, 50, … that is at least `value` (1 for anything up to 1). */
export function niceCeil(value: number): number {
  if (!(value > 1)) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 5, 10]) if (step * power >= value) return step * power;
  return 10 * power;
}

/**
 * The upper bounds of the classes a count falls in, ascending, the last one `niceCeil(max)`.
 * Classes widen quadratically, since a few countries carry most trades: with a max of 1,000 they
 * end at 40, 160, 360, 640, 1,000. The bounds depend on the max only through niceCeil, so they
 * change rarely and the map is seldom recoloured whole. Fewer classes when the max is small.
 */
export function classBounds(max: number, classes = SHADES.length): number[] {
  const top = niceCeil(max);
  const bounds: number[] = [];
  for (let i = 1; i <= classes; i++) {
    const bound = i === classes ? top : Math.max(1, Math.round(top * (i / classes) ** 2));
    if (bound > (bounds[bounds.length - 1] ?? 0)) bounds.push(bound);
  }
  return bounds;
}

/** The shade of a count: NO_TRADES for none, else its class's, spread over SHADES. */
export function shadeOf(count: number, bounds: readonly number[]): string {
  if (!(count > 0)) return NO_TRADES;
  let index = bounds.findIndex((bound) => count <= bound);
  if (index < 0) index = bounds.length - 1;
  return SHADES[shadeIndex(index, bounds.length)];
}

/** The SHADES index of class `index` of `classes`: the top class is always the brightest. */
export function shadeIndex(index: number, classes: number): number {
  if (classes <= 1) return SHADES.length - 1;
  return Math.round((index * (SHADES.length - 1)) / (classes - 1));
}

/** The legend's entries: each class's shade and its range of counts, lowest first. */
export function legendEntries(bounds: readonly number[]): { shade: string; from: number; to: number }[] {
  return bounds.map((to, index) => ({
    shade: SHADES[shadeIndex(index, bounds.length)],
    from: index === 0 ? 1 : bounds[index - 1] + 1,
    to,
  }));
}
