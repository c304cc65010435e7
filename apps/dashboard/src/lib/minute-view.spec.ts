import { Formats } from './format';
import { minuteView } from './minute-view';
import { pair } from './spec-helpers';

const formats = new Formats('en-US');
const NOW = Date.UTC(2026, 0, 1, 10, 5, 30);

describe('minuteView', () => {
  test('no pair yet: an empty hour and no rate', () => {
    const view = minuteView(undefined, undefined, NOW, formats);
    expect(view).toMatchObject({
      currency: '',
      soldKey: 'amount sold / min',
      rate: undefined,
      summary: 'no trades yet',
    });
    expect(view.series.times).toHaveLength(60);
    expect(view.series.totalCount).toBe(0);
  });

  test("the pair's rate line and its last hour, exact, in its sold currency", () => {
    const figures = pair('EUR-GBP', 20, '30000', {
      lastAt: '2026-01-01T10:04:59.000Z',
      minutes: [
        // Before the hour shown: not in the summary.
        { start: '2026-01-01T09:05:00.000Z', count: 7, sold: '10575.4' },
        { start: '2026-01-01T10:03:00.000Z', count: 10, sold: '14942' },
        { start: '2026-01-01T10:04:00.000Z', count: 3, sold: '4482.6' },
      ],
    });
    const view = minuteView('EUR-GBP', figures, NOW, formats);
    expect(view).toMatchObject({
      currency: 'EUR',
      soldKey: 'EUR sold / min',
      rate: { pair: 'EUR → GBP rate ', last: '0.7500', min: 'min 0.7000', max: 'max 0.8000', at: 'at 10:04:59 UTC' },
      summary: 'last hour: 13 trades · 19,424.60 EUR',
    });
    expect(view.series.counts.slice(-3)).toEqual([10, 3, 0]);
    expect(view.rate?.direction).toBeUndefined();
  });

  test("the pair's direction, once its figures have one", () => {
    const direction = {
      earliest: { start: '2026-01-01T09:06:00.000Z', rate: 0.75 },
      latest: { start: '2026-01-01T10:04:00.000Z', rate: 0.7425 },
      changePercent: -1,
    };
    const view = minuteView('EUR-GBP', pair('EUR-GBP', 20, '30000', { direction }), NOW, formats);
    expect(view.rate?.direction).toMatchObject({ trend: 'down', arrow: '▼', change: '-1.00%', span: 'in 58 min' });
  });
});
