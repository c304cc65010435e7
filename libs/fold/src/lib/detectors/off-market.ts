import { flagId, type OffMarketFlag } from '@tradeflow/contract';
import { pairName } from '../keys';
import type { SequencedTrade } from '../model';
import { RateWindow } from './rate-window';
import type { OffMarketSettings } from './settings';

/** Deviations are compared and shown to 6 decimal places of a percent, so 1.03 against 1 is exactly 3 %. */
const PRECISION = 1e6;

/** |rate − reference| / reference, in percent, to 6 decimal places. */
export const deviationPercent = (rate: number, reference: number): number =>
  Math.round((Math.abs(rate - reference) / reference) * 100 * PRECISION) / PRECISION;

/**
 * Flags the trades (one partition's, ascending seq) whose rate deviates more than the threshold
 * from the median of the pair's previous rates in the partition, once the window holds enough of
 * them; every trade's rate then joins its pair's window. `rates` is left as it is: the windows
 * of the pairs the trades touch are new arrays.
 */
export function detectOffMarket(
  rates: Readonly<Record<string, number[]>>,
  trades: readonly SequencedTrade[],
  settings: OffMarketSettings,
): { rates: Record<string, number[]>; flags: OffMarketFlag[] } {
  const windows = new Map<string, RateWindow>();
  const flags: OffMarketFlag[] = [];
  for (const { seq, trade } of trades) {
    const pair = pairName(trade.currencyFrom, trade.currencyTo);
    let window = windows.get(pair);
    if (!window) {
      window = new RateWindow(rates[pair] ?? [], settings.window);
      windows.set(pair, window);
    }
    if (window.size >= settings.minRates) {
      const reference = window.median();
      const deviation = deviationPercent(trade.rate, reference);
      if (deviation > settings.thresholdPercent) {
        flags.push({
          id: flagId('off-market', trade.id),
          kind: 'off-market',
          seq,
          trade,
          reference,
          deviationPercent: deviation,
          window: window.size,
        });
      }
    }
    window.push(trade.rate);
  }
  const folded = { ...rates };
  for (const [pair, window] of windows) folded[pair] = window.rates();
  return { rates: folded, flags };
}
