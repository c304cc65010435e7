import { LastDrawn } from './last-drawn';

describe('LastDrawn', () => {
  test('changed when any input moves, by identity', () => {
    const figures = { count: 1 };
    const drawn = new LastDrawn<[string | undefined, object, number]>();
    expect(drawn.changed('EUR-GBP', figures, 1)).toBe(true);
    expect(drawn.changed('EUR-GBP', figures, 1)).toBe(false);
    expect(drawn.changed('EUR-GBP', { count: 1 }, 1)).toBe(true);
    expect(drawn.changed(undefined, figures, 1)).toBe(true);
    expect(drawn.changed(undefined, figures, 2)).toBe(true);
    expect(drawn.changed(undefined, figures, 2)).toBe(false);
  });

  test('what the page shows before the first draw counts as drawn', () => {
    const drawn = new LastDrawn<[string]>(['']);
    expect(drawn.changed('')).toBe(false);
    expect(drawn.changed('EUR-GBP')).toBe(true);
  });
});
