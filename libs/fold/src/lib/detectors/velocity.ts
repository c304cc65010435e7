import { addDecimal, compareDecimals, type Decimal, flagId, type Trade, type VelocityFlag } from '@tradeflow/contract';
import type { SequencedTrade } from '../model';
import type { VelocitySettings } from './settings';

/**
 * What the users of a partition did in the current window of stream time. Windows are `windowMs`
 * long, from the epoch (a window of 60 s is a minute of receivedAt, as the figures' minute
 * buckets), and a trade received in a later window than the current one starts it anew: only the
 * current window's users are kept. A busy partition holds every user active in the window and
 * writes them with every batch, so they are kept as lists, which copy and serialise several times
 * faster than an object keyed by user.
 */
export interface UserWindows {
  /** Start of the current window, epoch ms (0 before the first trade). */
  start: number;
  /** The window's users, in the order of their first trade in it. */
  users: string[];
  /** Each user's trades in the window, by their place in `users`. */
  trades: number[];
  /**
   * Each user's sums sold in the window in the currencies that have a limit, by their place in
   * `users`; null, or past the end, for a user who sold in none.
   */
  sold: (Record<string, Decimal> | null)[];
}

/**
 * Each users list's places (userId → place). A list copied to add users shares its index, which
 * then only grows: the first fold onto a value extends it, and a fold onto the same value again
 * (a batch folded once more) finds it larger than its list and makes its own.
 */
const places = new WeakMap<readonly string[], Map<string, number>>();

function placesOf(users: readonly string[]): Map<string, number> {
  const index = places.get(users);
  if (index && index.size === users.length) return index;
  return new Map(users.map((user, place) => [user, place]));
}

/** Whether a user's figures in a window are over a limit. */
function isOver(trades: number, sold: Record<string, Decimal> | null, settings: VelocitySettings): boolean {
  if (trades > settings.maxTrades) return true;
  for (const currency in sold) {
    const max = settings.maxSold[currency];
    if (max !== undefined && compareDecimals(sold[currency], max) > 0) return true;
  }
  return false;
}

/** The limits a user's figures in a window are over: `21 trades > 20`, `sold 120000 EUR > 100000`. */
function limitsExceeded(trades: number, sold: Record<string, Decimal> | null, settings: VelocitySettings) {
  const exceeded = trades > settings.maxTrades ? [`${trades} trades > ${settings.maxTrades}`] : [];
  for (const [currency, amount] of Object.entries(sold ?? {})) {
    const max = settings.maxSold[currency];
    if (max !== undefined && compareDecimals(amount, max) > 0) exceeded.push(`sold ${amount} ${currency} > ${max}`);
  }
  return exceeded;
}

/** A user's sums with the trade's amount added, when its currency has a limit; else as they were. */
function soldWith(sold: Record<string, Decimal> | null, trade: Trade, settings: VelocitySettings) {
  if (settings.maxSold[trade.currencyFrom] === undefined) return sold;
  return { ...sold, [trade.currencyFrom]: addDecimal(sold?.[trade.currencyFrom] ?? '0', trade.amountSell) };
}

/**
 * Flags the trade (of one partition's, ascending seq) that takes its user over a limit within a
 * window: more than `maxTrades` trades, or more than `maxSold` of a currency sold. A user's
 * figures only grow within a window, so the first trade over a limit is flagged and the next ones
 * are not: once per window. A trade received late, in a window before the current one, counts in
 * the current one. `state` is left as it is.
 *
 * Windows follow receivedAt rather than each user's trades: a window rolling with every trade
 * would keep every trade's time of every active user in the partition's value, which is written
 * with every batch. A burst across two windows is seen as two halves.
 */
export function detectVelocity(
  state: UserWindows,
  trades: readonly SequencedTrade[],
  settings: VelocitySettings,
): { velocity: UserWindows; flags: VelocityFlag[] } {
  let { start } = state;
  let users = state.users.slice();
  let counts = state.trades.slice();
  let sums = state.sold.slice();
  let index = placesOf(state.users);
  const flags: VelocityFlag[] = [];
  // receivedAt is an instant as toISOString writes it (checkStoredTrade), so its text sorts as the
  // instant does: a trade is read as a date only when it may belong to a later window.
  let end = new Date(start + settings.windowMs).toISOString();
  for (const { seq, trade } of trades) {
    if (trade.receivedAt >= end) {
      start = Math.floor(Date.parse(trade.receivedAt) / settings.windowMs) * settings.windowMs;
      end = new Date(start + settings.windowMs).toISOString();
      [users, counts, sums, index] = [[], [], [], new Map()];
    }
    let place = index.get(trade.userId);
    if (place === undefined) {
      place = users.push(trade.userId) - 1;
      counts.push(0);
      index.set(trade.userId, place);
    }
    const before = sums[place] ?? null;
    const wasOver = isOver(counts[place], before, settings);
    const count = ++counts[place];
    const sold = soldWith(before, trade, settings);
    if (sold !== before) {
      // Nulls rather than holes before it, so that the list is the one JSON gives back.
      while (sums.length < place) sums.push(null);
      sums[place] = sold;
    }
    if (!wasOver && isOver(count, sold, settings)) {
      flags.push({
        id: flagId('velocity', trade.id),
        kind: 'velocity',
        seq,
        trade,
        window: { start: new Date(start).toISOString(), end },
        trades: count,
        sold: { ...sold },
        exceeded: limitsExceeded(count, sold, settings),
      });
    }
  }
  places.set(users, index);
  return { velocity: { start, users, trades: counts, sold: sums }, flags };
}
