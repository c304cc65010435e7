import { directionView } from './direction-view';
import { Formats } from './format';

const formats = new Formats('en-US');
const NOW = Date.UTC(2026, 0, 1, 11, 0, 0);
const direction = (changePercent: number, from = '2026-01-01T10:00:00.000Z', to = '2026-01-01T10:59:00.000Z') => ({
  earliest: { start: from, rate: 0.75 },
  latest: { start: to, rate: 0.75 * (1 + changePercent / 100) },
  changePercent,
});

describe('directionView', () => {
  test('up: an arrow up and the change over the span of the series', () => {
    expect(directionView('EUR-GBP', direction(0.4213), NOW, formats)).toEqual({
      trend: 'up',
      arrow: '▲',
      change: '+0.42%',
      span: 'in 59 min',
      title:
        'EUR → GBP: 0.75316 in the minute of 10:59:00 UTC against 0.7500 in that of 10:00:00 UTC (volume-weighted rates)',
    });
  });

  test('down, flat, and a series of an hour', () => {
    expect(directionView('EUR-GBP', direction(-1.5), NOW, formats)).toMatchObject({
      trend: 'down',
      arrow: '▼',
      change: '-1.50%',
    });
    expect(directionView('EUR-GBP', direction(0.004), NOW, formats)).toMatchObject({
      trend: 'flat',
      arrow: '▶',
      change: '0.00%',
    });
    const hour = direction(1, '2026-01-01T09:59:00.000Z', '2026-01-01T10:59:00.000Z');
    expect(directionView('EUR-GBP', hour, NOW, formats)?.span).toBe('in 1 h');
  });

  test('none without a direction in the figures', () => {
    expect(directionView('EUR-GBP', undefined, NOW, formats)).toBeUndefined();
  });
});
