import type { Trade } from '@tradeflow/contract';
import type { SequencedTrade } from '../model';
import { at } from '../spec-helpers';
import type { VelocitySettings } from './settings';
import { detectVelocity, type VelocityState } from './velocity';

const SETTINGS: VelocitySettings = { windowMs: 60_000, maxTrades: 3, maxSold: {} };
const START = Date.parse('2026-11-25T10:00:00.000Z');
const NONE: VelocityState = { users: {}, latestMs: 0 };

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
    const { flags, users } = detectVelocity(NONE, trades, SETTINGS);
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
    expect(users).toEqual({ a: [START, 5, 1] });
  });

  test("is open until its end, exclusive: a trade at its end opens the user's next window", () => {
    expect(flaggedIn(tradesOfA(0, 10, 20, 59.999))).toHaveLength(1);
    const { flags, users } = detectVelocity(NONE, tradesOfA(0, 10, 20, 60), SETTINGS);
    expect(flags).toEqual([]);
    expect(users).toEqual({ a: [START + 60_000, 1, 0] });
  });

  test('flags once per window, and again in the next one', () => {
    const trades = tradesOfA(0, 1, 2, 3, 4, 5, 61, 62, 63, 64);
    expect(flaggedIn(trades)).toEqual(idsOf([trades[3], trades[9]]));
  });

  test("counts each user's trades in their own window", () => {
    const trades = [0, 1, 2].flatMap((second) => [tradeAt('a', second), tradeAt('b', second + 0.5)]);
    expect(flaggedIn(trades)).toEqual([]);
    const fourth = tradeAt('b', 3);
    expect(flaggedIn([...trades, fourth])).toEqual(idsOf([fourth]));
  });
});

describe('detectVelocity: amounts sold in a window', () => {
  const LIMITED: VelocitySettings = { ...SETTINGS, maxTrades: 100, maxSold: { EUR: '1000', USD: '50' } };
  const sale = (seconds: number, amountSell: number, currencyFrom = 'EUR') =>
    tradeAt('a', seconds, { amountSell, currencyFrom, currencyTo: currencyFrom === 'EUR' ? 'GBP' : 'EUR' });

  test('up to the most sold in a currency is not flagged, exactly; a cent more is, with the sums', () => {
    const trades = [sale(0, 600), sale(1, 399.9), sale(2, 0.1), sale(3, 0.01)];
    expect(flaggedIn(trades.slice(0, 3), LIMITED)).toEqual([]);
    const { flags, users } = detectVelocity(NONE, trades, LIMITED);
    expect(flags.map(({ trade, sold, exceeded }) => ({ id: trade.id, sold, exceeded }))).toEqual([
      { id: trades[3].trade.id, sold: { EUR: '1000.01' }, exceeded: ['sold 1000.01 EUR > 1000'] },
    ]);
    expect(users).toEqual({ a: [START, 4, 1, { EUR: '1000.01' }] });
  });

  test('sums each currency on its own, and only those that have a limit', () => {
    const trades = [sale(0, 900), sale(1, 40, 'USD'), sale(2, 5000, 'GBP'), sale(3, 20, 'USD')];
    const { flags, users } = detectVelocity(NONE, trades, LIMITED);
    expect(flags.map(({ trade, sold, exceeded }) => ({ id: trade.id, sold, exceeded }))).toEqual([
      { id: trades[3].trade.id, sold: { EUR: '900', USD: '60' }, exceeded: ['sold 60 USD > 50'] },
    ]);
    expect(users['a'][3]).toEqual({ EUR: '900', USD: '60' });
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
  test('closes windows as later trades of anyone arrive, and keeps only the users whose window is open', () => {
    const { users, latestMs } = detectVelocity(NONE, [tradeAt('a', 0), tradeAt('b', 30), tradeAt('c', 60)], SETTINGS);
    expect(latestMs).toBe(START + 60_000);
    expect(users).toEqual({ b: [START + 30_000, 1, 0], c: [START + 60_000, 1, 0] });
  });

  test('counts a late trade in the open window; one whose window has closed opens another, at its own time', () => {
    const open = detectVelocity(NONE, [tradeAt('a', 10), tradeAt('b', 50), tradeAt('a', 5)], SETTINGS);
    expect(open.users['a']).toEqual([START + 10_000, 2, 0]);
    const reopened = detectVelocity(NONE, [tradeAt('a', 10), tradeAt('b', 75), tradeAt('a', 40)], SETTINGS);
    expect(reopened.users['a']).toEqual([START + 40_000, 1, 0]);
    expect(reopened.latestMs).toBe(START + 75_000);
    // So late that its own window has closed too: nothing is kept of it.
    const closed = detectVelocity(NONE, [tradeAt('a', 10), tradeAt('b', 130), tradeAt('a', 50)], SETTINGS);
    expect(closed.users).toEqual({ b: [START + 130_000, 1, 0] });
  });

  test('follows receivedAt, never the clock: the same trades give the same state whenever they are folded', () => {
    const trades = tradesOfA(0, 1, 2, 3);
    expect(detectVelocity(NONE, trades, SETTINGS)).toEqual(detectVelocity(NONE, trades, SETTINGS));
  });
});

describe('detectVelocity: batches', () => {
  test('continues from the state it is given, leaving it as it was', () => {
    const first = detectVelocity(NONE, tradesOfA(0, 1, 2), SETTINGS);
    const frozen = JSON.parse(JSON.stringify(first)) as VelocityState;
    Object.freeze(frozen.users);
    Object.values(frozen.users).forEach((window) => Object.freeze(window));
    const fourth = tradeAt('a', 3);
    expect(detectVelocity(frozen, [fourth], SETTINGS).flags.map((flag) => flag.trade.id)).toEqual(idsOf([fourth]));
    expect(frozen.users).toEqual({ a: [START, 3, 0] });
  });

  test('gives the same flags and the same JSON in one batch as one trade at a time through JSON', () => {
    const users = ['u1', 'u2', '17', '3', 'u5'];
    const settings = { ...SETTINGS, maxSold: { EUR: '3000' } };
    const trades = Array.from({ length: 120 }, (_, i) => tradeAt(users[(i * 7) % 5], i * 2.5 + (i % 3) * 20));
    const whole = detectVelocity(NONE, trades, settings);
    let state = NONE;
    const flags = trades.flatMap((trade) => {
      const folded = detectVelocity(state, [trade], settings);
      state = JSON.parse(JSON.stringify({ users: folded.users, latestMs: folded.latestMs }));
      return folded.flags;
    });
    expect(flags).toEqual(whole.flags);
    expect(JSON.stringify(state)).toBe(JSON.stringify({ users: whole.users, latestMs: whole.latestMs }));
    expect(whole.flags.length).toBeGreaterThan(5);
  });
});
