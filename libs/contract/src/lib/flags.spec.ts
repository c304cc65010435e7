import { EXAMPLE_TRADE } from './example-trade';
import { flagId, readFlag } from './flags';

const trade = {
  ...EXAMPLE_TRADE,
  id: 't-1',
  timePlacedIso: '2018-01-24T10:27:44.000Z',
  receivedAt: '2026-11-25T10:27:44.000Z',
};
const OFF_MARKET = {
  id: 'off-market:t-1',
  kind: 'off-market',
  seq: 12,
  trade,
  reference: 0.75,
  deviationPercent: 6.666667,
  window: 50,
};
const VELOCITY = {
  id: 'velocity:t-1',
  kind: 'velocity',
  seq: 12,
  trade,
  window: { start: '2026-11-25T10:27:00.000Z', end: '2026-11-25T10:28:00.000Z' },
  trades: 21,
  sold: { EUR: '21000' },
  exceeded: ['21 trades > 20'],
};

describe('readFlag', () => {
  test('reads a flag of each kind as it was published', () => {
    for (const flag of [OFF_MARKET, VELOCITY]) expect(readFlag(JSON.stringify(flag))).toEqual(flag);
  });

  test.each([
    ['not JSON', '{'],
    ['no object', '[]'],
    ['another kind', JSON.stringify({ ...OFF_MARKET, kind: 'other', id: 'other:t-1' })],
    ['an id that is not its kind and trade', JSON.stringify({ ...OFF_MARKET, id: 'off-market:t-2' })],
    ['no trade', JSON.stringify({ ...OFF_MARKET, trade: undefined })],
    ['no seq', JSON.stringify({ ...OFF_MARKET, seq: -1 })],
    ['an off-market flag without its reference', JSON.stringify({ ...OFF_MARKET, reference: 'x' })],
    ['a velocity flag without its window', JSON.stringify({ ...VELOCITY, window: 60 })],
    ['a velocity flag with a sum that is no decimal string', JSON.stringify({ ...VELOCITY, sold: { EUR: 5 } })],
  ])('refuses %s', (_, text) => {
    expect(readFlag(text)).toBeNull();
  });

  test("a flag's id is its kind and its trade's id", () => {
    expect(flagId('velocity', 'abc')).toBe('velocity:abc');
  });
});
