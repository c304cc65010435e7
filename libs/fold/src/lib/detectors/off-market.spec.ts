import type { Trade } from '@tradeflow/contract';
import type { SequencedTrade } from '../model';
import { at } from '../spec-helpers';
import { detectOffMarket, deviationPercent } from './off-market';
import type { OffMarketSettings } from './settings';

const SETTINGS: OffMarketSettings = { window: 5, minRates: 3, thresholdPercent: 3 };

/** EUR-GBP trades at these rates, seq 1, 2, …; other fields changed by `fields`. */
const tradesAt = (rates: number[], fields: Partial<Trade> = {}): SequencedTrade[] =>
  rates.map((rate, index) => at(index + 1, { rate, ...fields }));

/** Which trades (by seq) are flagged, folding the rates from no history. */
const flaggedSeqs = (rates: number[], settings = SETTINGS) =>
  detectOffMarket({}, tradesAt(rates), settings).flags.map((flag) => flag.seq);

describe('detectOffMarket', () => {
  test("judges none of a pair's first trades until its window holds the minimum of rates", () => {
    expect(flaggedSeqs([1, 1, 2])).toEqual([]);
    expect(flaggedSeqs([1, 1, 1, 2])).toEqual([4]);
  });

  test('flags a rate more than the threshold away from the median, either way; at the threshold, not', () => {
    expect(flaggedSeqs([1, 1, 1, 1.03, 0.97])).toEqual([]);
    expect(flaggedSeqs([1, 1, 1, 1.0300001])).toEqual([4]);
    expect(flaggedSeqs([1, 1, 1, 0.9699999])).toEqual([4]);
    expect(flaggedSeqs([1, 1, 1, 1.0299999, 0.9700001])).toEqual([]);
  });

  test('says what the flag is about: the trade, the median it was compared with, the deviation and the window', () => {
    const trades = tradesAt([0.74, 0.75, 0.76, 0.8]);
    const { flags } = detectOffMarket({}, trades, SETTINGS);
    expect(flags).toEqual([
      {
        id: `off-market:${trades[3].trade.id}`,
        kind: 'off-market',
        seq: 4,
        trade: trades[3].trade,
        reference: 0.75,
        deviationPercent: 6.666667,
        window: 3,
      },
    ]);
  });

  test('takes the mean of the two middle rates of an even window as the median', () => {
    const { flags } = detectOffMarket({}, tradesAt([1, 2, 3, 4, 2.5 * 1.031]), { ...SETTINGS, minRates: 4 });
    expect(flags.map(({ reference, window }) => ({ reference, window }))).toEqual([{ reference: 2.5, window: 4 }]);
  });

  test("compares with the pair's previous rates only, the oldest leaving as the window fills", () => {
    // A window of 3: at 1, the window is 10,10,10, then 10,10,1, then 10,1,1 whose median is 1.
    expect(flaggedSeqs([10, 10, 10, 1, 1, 1, 1.02], { ...SETTINGS, window: 3 })).toEqual([4, 5]);
  });

  test('lets an off-market rate join the window, where one outlier does not move the median', () => {
    expect(flaggedSeqs([1, 1, 1, 1, 1, 5, 1, 1.01])).toEqual([6]);
  });

  test('keeps a window per pair and direction', () => {
    const trades = [
      ...tradesAt([1, 1, 1]),
      at(4, { currencyFrom: 'GBP', currencyTo: 'EUR', rate: 2 }),
      at(5, { currencyFrom: 'GBP', currencyTo: 'EUR', rate: 2 }),
      at(6, { rate: 1.5 }),
    ];
    const { rates, flags } = detectOffMarket({}, trades, SETTINGS);
    expect(flags.map((flag) => flag.seq)).toEqual([6]);
    expect(rates).toEqual({ 'EUR-GBP': [1, 1, 1, 1.5], 'GBP-EUR': [2, 2] });
  });

  test('continues from the windows it is given, leaving them as they were', () => {
    const before = Object.freeze({ 'EUR-GBP': Object.freeze([1, 1, 1, 1, 1]) as number[] });
    const { rates, flags } = detectOffMarket(before, tradesAt([1.5, 1]), SETTINGS);
    expect(flags.map((flag) => flag.seq)).toEqual([1]);
    expect(rates['EUR-GBP']).toEqual([1, 1, 1, 1.5, 1]);
    expect(before['EUR-GBP']).toEqual([1, 1, 1, 1, 1]);
  });

  test('flags alike whether the trades come in one batch or one at a time through JSON', () => {
    const trades = tradesAt([1, 1.2, 0.9, 1, 1.1, 1.5, 1, 0.95, 1, 0.5, 1, 1.04]);
    const whole = detectOffMarket({}, trades, SETTINGS);
    let rates: Record<string, number[]> = {};
    const flags = trades.flatMap((trade) => {
      const folded = detectOffMarket(rates, [trade], SETTINGS);
      rates = JSON.parse(JSON.stringify(folded.rates));
      return folded.flags;
    });
    expect(flags).toEqual(whole.flags);
    expect(rates).toEqual(whole.rates);
    expect(whole.flags.length).toBeGreaterThan(1);
  });
});

describe('deviationPercent', () => {
  test('is the distance from the reference in percent of it, to 6 decimal places', () => {
    expect(deviationPercent(1.03, 1)).toBe(3);
    expect(deviationPercent(0.97, 1)).toBe(3);
    expect(deviationPercent(151.32 * 1.05, 151.32)).toBe(5);
    expect(deviationPercent(1, 3)).toBe(66.666667);
  });
});
