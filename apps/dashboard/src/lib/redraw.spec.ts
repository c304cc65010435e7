import { type FrameReason, REDRAW_ALL, redrawOf } from './redraw';
import { type Changes, DashboardState } from './state';

const nothing = (): Changes => new DashboardState().takeChanges();
const changes = (overrides: Partial<Changes>): Changes => ({ ...nothing(), ...overrides });
const reasons = (...given: FrameReason[]) => new Set(given);
const drawn = (redraw: ReturnType<typeof redrawOf>) =>
  Object.entries(redraw)
    .filter(([part, value]) => part !== 'countries' && value === true)
    .map(([part]) => part);

describe('redrawOf', () => {
  test('nothing changed, nothing asked: nothing is drawn', () => {
    expect(drawn(redrawOf(nothing(), reasons()))).toEqual([]);
  });

  test("each of the state's changes redraws the parts that show it", () => {
    expect(drawn(redrawOf(changes({ total: true }), reasons()))).toEqual(['totals']);
    expect(drawn(redrawOf(changes({ refused: true }), reasons()))).toEqual(['totals']);
    expect(drawn(redrawOf(changes({ quarantined: true }), reasons()))).toEqual(['totals']);
    expect(drawn(redrawOf(changes({ snapshot: true }), reasons()))).toEqual(['totals']);
    expect(drawn(redrawOf(changes({ trades: true }), reasons()))).toEqual(['trades']);
    expect(drawn(redrawOf(changes({ pairs: true }), reasons()))).toEqual(['pairs', 'minutes']);
    expect(drawn(redrawOf(changes({ health: true }), reasons()))).toEqual(['status']);
    // New flags, and the trades they mark.
    expect(drawn(redrawOf(changes({ flags: true }), reasons()))).toEqual(['trades', 'flags']);
  });

  test('the map recolours the countries that changed, or all of them', () => {
    const some = new Set(['FR']);
    expect(redrawOf(changes({ countries: some }), reasons())).toMatchObject({ map: true, countries: some });
    expect(redrawOf(changes({ countries: 'all' }), reasons())).toMatchObject({ map: true, countries: 'all' });
  });

  test("the page's own reasons", () => {
    expect(drawn(redrawOf(nothing(), reasons('clockTicked')))).toEqual(['minutes', 'throughput', 'status']);
    expect(drawn(redrawOf(nothing(), reasons('statusChanged')))).toEqual(['status']);
    expect(drawn(redrawOf(nothing(), reasons('pairChosen')))).toEqual(['pairs', 'minutes']);
  });

  test('the first frame draws everything', () => {
    expect(drawn(REDRAW_ALL)).toEqual(['totals', 'trades', 'flags', 'pairs', 'minutes', 'map', 'throughput', 'status']);
    expect(REDRAW_ALL.countries).toBe('all');
  });
});
