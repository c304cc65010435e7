import { PairChoice, pairOptions } from './pair-choice';
import { pair } from './spec-helpers';

const pairsOf = (...figures: ReturnType<typeof pair>[]) => new Map(figures.map((f) => [`${f.from}-${f.to}`, f]));

describe('PairChoice', () => {
  const pairs = pairsOf(pair('USD-JPY', 6), pair('EUR-GBP', 13), pair('GBP-USD', 4));

  test('shows the busiest pair until one is chosen, then that one', () => {
    const choice = new PairChoice();
    expect(choice.shown(pairs)).toBe('EUR-GBP');
    expect(choice.selectValue(pairs)).toBe('');
    choice.choose('GBP-USD');
    expect(choice.shown(pairs)).toBe('GBP-USD');
    expect(choice.selectValue(pairs)).toBe('GBP-USD');
    choice.choose('');
    expect(choice.shown(pairs)).toBe('EUR-GBP');
  });

  test('a chosen pair missing from the figures gives way to the busiest, and comes back with them', () => {
    const choice = new PairChoice();
    choice.choose('USD-CHF');
    expect(choice.shown(pairs)).toBe('EUR-GBP');
    expect(choice.selectValue(pairs)).toBe('');
    const later = pairsOf(pair('USD-CHF', 1), pair('EUR-GBP', 13));
    expect(choice.shown(later)).toBe('USD-CHF');
    expect(choice.selectValue(later)).toBe('USD-CHF');
    expect(choice.shown(new Map())).toBeUndefined();
  });
});

describe('pairOptions', () => {
  test('the busiest first, named once there is one, then every pair by name', () => {
    expect(pairOptions(new Map())).toEqual([{ value: '', label: 'Busiest pair' }]);
    expect(pairOptions(pairsOf(pair('USD-JPY', 6), pair('EUR-GBP', 13)))).toEqual([
      { value: '', label: 'Busiest: EUR → GBP' },
      { value: 'EUR-GBP', label: 'EUR → GBP' },
      { value: 'USD-JPY', label: 'USD → JPY' },
    ]);
  });
});
