import { addDecimal, compareDecimals, type Decimal, flagId, type Trade, type VelocityFlag } from '@tradeflow/contract';
import type { SequencedTrade } from '../model';
import type { VelocitySettings } from './settings';

/**
 * A user's open window, compact since a busy partition holds one for every user active within a
 * window's length: `[start, trades, flagged, sold]`: the receivedAt (epoch ms) of the trade that
 * opened it, the user's trades in it, 1 once flagged, and the amounts sold in it in each currency
 * that has a limit (left out while there is none).
 */
export type UserWindow = [start: number, trades: number, flagged: 0 | 1, sold?: Record<string, Decimal>];

export interface VelocityState {
  /** By userId: the users whose window is open at `latestMs`. */
  users: Record<string, UserWindow>;
  /** The latest receivedAt folded, epoch ms: the partition's stream time, which closes windows. */
  latestMs: number;
}

/** The window with the trade counted in it: a new tuple. */
function counted(window: UserWindow, trade: Trade, settings: VelocitySettings): UserWindow {
  const [start, trades, flagged, sold] = window;
  const limited = settings.maxSold[trade.currencyFrom] !== undefined;
  if (!limited) return sold ? [start, trades + 1, flagged, sold] : [start, trades + 1, flagged];
  const before = sold?.[trade.currencyFrom] ?? '0';
  return [start, trades + 1, flagged, { ...sold, [trade.currencyFrom]: addDecimal(before, trade.amountSell) }];
}

/** The limits the trade, just counted in the window, went over. */
function exceededBy([, trades, , sold]: UserWindow, trade: Trade, settings: VelocitySettings): string[] {
  const exceeded: string[] = [];
  if (trades > settings.maxTrades) exceeded.push(`${trades} trades > ${settings.maxTrades}`);
  const max = settings.maxSold[trade.currencyFrom];
  const amount = sold?.[trade.currencyFrom];
  if (max !== undefined && amount !== undefined && compareDecimals(amount, max) > 0) {
    exceeded.push(`sold ${amount} ${trade.currencyFrom} > ${max}`);
  }
  return exceeded;
}

const isClosed = (window: UserWindow, latestMs: number, settings: VelocitySettings) =>
  window[0] + settings.windowMs <= latestMs;

/**
 * Flags a user's trade (one partition's, ascending seq) that takes the user over a limit within
 * their window: the first trade of a user with no open window opens one, of `windowMs` of
 * receivedAt; the window is closed once the partition's stream time (the latest receivedAt
 * folded) reaches its end. Flagged once per window. Windows closed are dropped, so the state
 * holds only users active within a window's length. `state` is left as it is.
 *
 * A window opens with the user's trade rather than rolling with every trade: a rolling count
 * would keep every trade's time of every active user in the partition's value. Whatever the
 * batches, the users are kept in the order their windows opened, so a value folded in any
 * batches is the same JSON.
 */
export function detectVelocity(
  state: VelocityState,
  trades: readonly SequencedTrade[],
  settings: VelocitySettings,
): VelocityState & { flags: VelocityFlag[] } {
  const users = { ...state.users };
  let latestMs = state.latestMs;
  const flags: VelocityFlag[] = [];
  for (const { seq, trade } of trades) {
    const receivedMs = Date.parse(trade.receivedAt);
    latestMs = Math.max(latestMs, receivedMs);
    const open = users[trade.userId];
    let window: UserWindow;
    if (open && !isClosed(open, latestMs, settings)) {
      window = counted(open, trade, settings);
    } else {
      delete users[trade.userId];
      window = counted([receivedMs, 0, 0], trade, settings);
    }
    users[trade.userId] = window;
    const exceeded = window[2] === 0 ? exceededBy(window, trade, settings) : [];
    if (exceeded.length > 0) {
      window[2] = 1;
      flags.push({
        id: flagId('velocity', trade.id),
        kind: 'velocity',
        seq,
        trade,
        window: {
          start: new Date(window[0]).toISOString(),
          end: new Date(window[0] + settings.windowMs).toISOString(),
        },
        trades: window[1],
        sold: { ...window[3] },
        exceeded,
      });
    }
  }
  for (const user in users) if (isClosed(users[user], latestMs, settings)) delete users[user];
  return { users, latestMs, flags };
}
