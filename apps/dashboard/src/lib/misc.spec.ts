import { readFileSync } from 'node:fs';
import { alpha2ToNumeric, getAlpha2Codes } from 'i18n-iso-countries';
import { reconnectDelay } from './backoff';
import { classBounds, legendEntries, NO_TRADES, niceCeil, SHADES, shadeOf } from './color-scale';
import { ALPHA2_TO_NUMERIC } from './country-codes';
import { Ring } from './ring';

describe('Ring', () => {
  test('keeps the newest items up to its capacity', () => {
    const ring = new Ring<number>(3);
    expect(ring.newest()).toBeUndefined();
    expect([1, 2, 3].map((n) => ring.push(n))).toEqual([undefined, undefined, undefined]);
    expect(ring.push(4)).toBe(1);
    expect(ring.toArray()).toEqual([2, 3, 4]);
    expect([ring.newest(0), ring.newest(2), ring.newest(3), ring.oldest(0)]).toEqual([4, 2, undefined, 2]);
    ring.clear();
    expect(ring.size).toBe(0);
    expect(() => new Ring(0)).toThrow(RangeError);
  });
});

describe('reconnectDelay', () => {
  test('doubles from half a second up to fifteen, with jitter between half and all of it', () => {
    const top = (attempt: number) => reconnectDelay(attempt, () => 1);
    expect([0, 1, 2, 3, 4, 5, 6, 100].map(top)).toEqual([500, 1000, 2000, 4000, 8000, 15000, 15000, 15000]);
    expect(reconnectDelay(0, () => 0)).toBe(250);
    expect(reconnectDelay(10, () => 0)).toBe(7500);
  });
});

describe('map shading', () => {
  test('niceCeil', () => {
    expect([0, 1, 2, 3, 7, 10, 11, 999, 1001].map(niceCeil)).toEqual([1, 1, 2, 5, 10, 10, 20, 1000, 2000]);
  });

  test('classes widen quadratically up to a rounded max', () => {
    expect(classBounds(1000)).toEqual([40, 160, 360, 640, 1000]);
    expect(classBounds(730)).toEqual([40, 160, 360, 640, 1000]);
    expect(classBounds(2)).toEqual([1, 2]);
    expect(classBounds(0)).toEqual([1]);
  });

  test('shades: grey for none, the brightest for the top class', () => {
    const bounds = classBounds(1000);
    expect(shadeOf(0, bounds)).toBe(NO_TRADES);
    expect(shadeOf(1, bounds)).toBe(SHADES[0]);
    expect(shadeOf(41, bounds)).toBe(SHADES[1]);
    expect(shadeOf(1000, bounds)).toBe(SHADES[4]);
    expect(shadeOf(5000, bounds)).toBe(SHADES[4]);
    expect(shadeOf(2, classBounds(2))).toBe(SHADES[4]);
  });

  test('legend ranges', () => {
    expect(legendEntries([40, 160, 1000]).map(({ from, to }) => [from, to])).toEqual([
      [1, 40],
      [41, 160],
      [161, 1000],
    ]);
  });
});

describe('country codes', () => {
  test('the generated table is i18n-iso-countries’ alpha-2 → numeric', () => {
    const codes = Object.keys(getAlpha2Codes());
    expect(Object.keys(ALPHA2_TO_NUMERIC).sort()).toEqual(codes.sort());
    for (const code of codes) expect(ALPHA2_TO_NUMERIC[code]).toBe(alpha2ToNumeric(code));
  });

  test('every country world-atlas draws with an id has a code', () => {
    const atlas = JSON.parse(readFileSync(require.resolve('world-atlas/countries-110m.json'), 'utf8'));
    const numeric = new Set(Object.values(ALPHA2_TO_NUMERIC));
    const ids: string[] = atlas.objects.countries.geometries.map((g: { id?: string }) => g.id).filter(Boolean);
    expect(ids.length).toBeGreaterThan(170);
    expect(ids.filter((id) => !numeric.has(id))).toEqual([]);
    expect(ALPHA2_TO_NUMERIC['FR']).toBe('250');
  });
});
