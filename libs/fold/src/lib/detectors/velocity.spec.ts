import type { Trade } from '@tradeflow/contract';
import type { SequencedTrade } from '../model';
import { at } from '../spec-helpers';
import type { VelocitySettings } from './settings';
import { detectVelocity, type UserWindows } from './velocity';

const SETTINGS: VelocitySettings = { windowMs: 60_000, maxTrades: 3, maxSold: {} };
/** The start of a minute: a window of SETTINGS. */
const START = Date.parse('2026-11-25T10:00:00.000Z');
const NONE: UserWindows = { start: 0, users: [], trades: [], sold: [] };

let seq = 0;
/** A trade of `userId` received `seconds` after START. */
const tradeAt = (userId: string, seconds: number, fields: Partial<Trade> = {}): SequencedTrade =>
  at(++seq, { userId, receivedAt: new Date(START + seconds * 1000).toISOString(), ...fields });

/** Trades of user `a` received at these seconds after START. */
const tradesOfA = (...seconds: number[]) => seconds.map((second) => tradeAt('a', second));

const idsOf = (trades: SequencedTrade[]) => trades.map(({ trade }) => trade.id);
const flaggedIn = (trades: SequencedTrade[], settings = SETTINGS) =>
  detectVelocity(NONE, trades, settings).flags.map((flag) => flag.trade.id);

describe('detectVelocity: trades in a window', () => {
  test('up to the most trades in a window is not flagged; the next trade is, once, with the figures', () => {
    const trades = tradesOfA(0, 10, 20, 30, 40);
    expect(flaggedIn(trades.slice(0, 3))).toEqual([]);
    const { flags, velocity } = detectVelocity(NONE, trades, SETTINGS);
    expect(flags).toEqual([
      {
        id: `velocity:${trades[3].trade.id}`,
        kind: 'velocity',
        seq: trades[3].seq,
        trade: trades[3].trade,
        window: { start: '2026-11-25T10:00:00.000Z', end: '2026-11-25T10:01:00.000Z' },
        trades: 4,
        sold: {},
        exceeded: ['4 trades > 3'],
      },
    ]);
    expect(velocity).toEqual({ start: START, users: ['a'], trades: [5], sold: [] });
  });

  test('a window is a minute of receivedAt: its last millisecond is in it, the next minute is the next window', () => {
    expect(flaggedIn(tradesOfA(0, 10, 20, 59.999))).toHaveLength(1);
    const { flags, velocity } = detectVelocity(NONE, tradesOfA(0, 10, 20, 60), SETTINGS);
    expect(flags).toEqual([]);
    expect(velocity).toEqual({ start: START + 60_000, users: ['a'], trades: [1], sold: [] });
  });

  test('flags once per window, and again in the next one', () => {
    const trades = tradesOfA(0, 1, 2, 3, 4, 5, 61, 62, 63, 64);
    expect(flaggedIn(trades)).toEqual(idsOf([trades[3], trades[9]]));
  });

  test("counts each user's trades on their own", () => {
    const trades = [0, 1, 2].flatMap((second) => [tradeAt('a', second), tradeAt('b', second + 0.5)]);
    expect(flaggedIn(trades)).toEqual([]);
    const fourth = tradeAt('b', 3);
    expect(flaggedIn([...trades, fourth])).toEqual(idsOf([fourth]));
  });

  test('sees a burst across two windows as two halves', () => {
    expect(flaggedIn(tradesOfA(57, 58, 59, 60, 61, 62))).toEqual([]);
  });
});

describe('detectVelocity: amounts sold in a window', () => {
  const LIMITED: VelocitySettings = { ...SETTINGS, maxTrades: 100, maxSold: { EUR: '1000', USD: '50' } };
  const sale = (seconds: number, amountSell: number, currencyFrom = 'EUR') =>
    tradeAt('a', seconds, { amountSell, currencyFrom, currencyTo: currencyFrom === 'EUR' ? 'GBP' : 'EUR' });

  test('up to the most sold in a currency is not flagged, exactly; a cent more is, with the sums', () => {
    const trades = [sale(0, 600), sale(1, 399.9), sale(2, 0.1), sale(3, 0.01), sale(4, 5)];
    expect(flaggedIn(trades.slice(0, 3), LIMITED)).toEqual([]);
    const { flags, velocity } = detectVelocity(NONE, trades, LIMITED);
    expect(flags.map(({ trade, sold, exceeded }) => ({ id: trade.id, sold, exceeded }))).toEqual([
      { id: trades[3].trade.id, sold: { EUR: '1000.01' }, exceeded: ['sold 1000.01 EUR > 1000'] },
    ]);
    expect(velocity).toEqual({ start: START, users: ['a'], trades: [5], sold: [{ EUR: '1005.01' }] });
  });

  test('sums each currency on its own, and only those that have a limit', () => {
    const trades = [sale(0, 900), sale(1, 40, 'USD'), sale(2, 5000, 'GBP'), sale(3, 20, 'USD'), sale(4, 200)];
    const { flags, velocity } = detectVelocity(NONE, trades, LIMITED);
    expect(flags.map(({ trade, sold, exceeded }) => ({ id: trade.id, sold, exceeded }))).toEqual([
      { id: trades[3].trade.id, sold: { EUR: '900', USD: '60' }, exceeded: ['sold 60 USD > 50'] },
    ]);
    expect(velocity.sold).toEqual([{ EUR: '1100', USD: '60' }]);
  });

  test('names every limit the trade goes over', () => {
    const settings = { ...LIMITED, maxTrades: 1 };
    expect(detectVelocity(NONE, [sale(0, 10), sale(1, 1000)], settings).flags[0].exceeded).toEqual([
      '2 trades > 1',
      'sold 1010 EUR > 1000',
    ]);
  });
});

describe('detectVelocity: stream time', () => {
  test("keeps only the current window's users: a trade of a later window drops the others", () => {
    const { velocity } = detectVelocity(NONE, [tradeAt('a', 0), tradeAt('b', 30), tradeAt('c', 60)], SETTINGS);
    expect(velocity).toEqual({ start: START + 60_000, users: ['c'], trades: [1], sold: [] });
  });

  test('counts a trade received late, in an earlier window, in the current one', () => {
    const late = tradeAt('a', 30);
    const { velocity, flags } = detectVelocity(NONE, [...tradesOfA(60, 61, 62), late], SETTINGS);
    expect(velocity.trades).toEqual([4]);
    expect(flags.map((flag) => [flag.trade.id, flag.window.start])).toEqual([
      [late.trade.id, '2026-11-25T10:01:00.000Z'],
    ]);
  });

  test('follows receivedAt, never the clock: the same trades give the same state whenever they are folded', () => {
    const trades = tradesOfA(0, 1, 2, 3);
    expect(detectVelocity(NONE, trades, SETTINGS)).toEqual(detectVelocity(NONE, trades, SETTINGS));
  });
});

describe('detectVelocity: batches', () => {
  test('folded twice onto one value (a batch folded again), counts each time from that value', () => {
    const first = detectVelocity(NONE, tradesOfA(0, 1), SETTINGS).velocity;
    const once = detectVelocity(first, [tradeAt('b', 2), tradeAt('c', 3)], SETTINGS).velocity;
    const again = detectVelocity(first, [tradeAt('c', 2), tradeAt('a', 3)], SETTINGS).velocity;
    expect([once.users, once.trades]).toEqual([
      ['a', 'b', 'c'],
      [2, 1, 1],
    ]);
    expect([again.users, again.trades]).toEqual([
      ['a', 'c'],
      [3, 1],
    ]);
    expect(detectVelocity(once, [tradeAt('c', 4)], SETTINGS).velocity.trades).toEqual([2, 1, 2]);
    expect(detectVelocity(again, [tradeAt('c', 4)], SETTINGS).velocity.trades).toEqual([3, 2]);
  });

  test('continues from the state it is given, leaving it as it was', () => {
    const first = detectVelocity(NONE, tradesOfA(0, 1, 2), SETTINGS).velocity;
    const frozen = JSON.parse(JSON.stringify(first)) as UserWindows;
    [frozen.users, frozen.trades, frozen.sold].forEach((list) => Object.freeze(list));
    const fourth = tradeAt('a', 3);
    expect(detectVelocity(frozen, [fourth, tradeAt('b', 4)], SETTINGS).flags.map((flag) => flag.trade.id)).toEqual(
      idsOf([fourth]),
    );
    expect(frozen).toEqual({ start: START, users: ['a'], trades: [3], sold: [] });
  });

  test('gives the same flags and the same JSON in one batch as one trade at a time through JSON', () => {
    const users = ['u1', 'u2', '17', '3', 'u5'];
    const settings = { ...SETTINGS, maxSold: { EUR: '3000' } };
    const trades = Array.from({ length: 120 }, (_, i) => tradeAt(users[(i * 7) % 5], i * 2.5 + (i % 3) * 20));
    const whole = detectVelocity(NONE, trades, settings);
    let state = NONE;
    const flags = trades.flatMap((trade) => {
      const folded = detectVelocity(state, [trade], settings);
      state = JSON.parse(JSON.stringify(folded.velocity));
      return folded.flags;
    });
    expect(flags).toEqual(whole.flags);
    expect(JSON.stringify(state)).toBe(JSON.stringify(whole.velocity));
    expect(state).toEqual(whole.velocity);
    expect(whole.flags.length).toBeGreaterThan(5);
  });
});
