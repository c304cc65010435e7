import type { Decimal } from '@tradeflow/contract';

/** When a trade's rate is off-market: further than a threshold from the median of its pair's previous rates. */
export interface OffMarketSettings {
  /** The pair's previous rates the median is taken over, at most (50). */
  window: number;
  /** Rates the window must hold before a trade of the pair is judged (20). */
  minRates: number;
  /** Largest deviation from the median that is not flagged, in percent (3). */
  thresholdPercent: number;
}

/** When a user trades too much too fast: over a count, or an amount sold in a currency, within a window. */
export interface VelocitySettings {
  /** The windows' length, in ms of receivedAt, from the epoch (60 s: the minutes). */
  windowMs: number;
  /** Most trades in a window that are not flagged (20). */
  maxTrades: number;
  /** Most sold in a window that is not flagged, by currency; none by default. */
  maxSold: Record<string, Decimal>;
}

export interface DetectorSettings {
  offMarket: OffMarketSettings;
  velocity: VelocitySettings;
}

export const DEFAULT_DETECTOR_SETTINGS: DetectorSettings = Object.freeze({
  offMarket: Object.freeze({ window: 50, minRates: 20, thresholdPercent: 3 }),
  velocity: Object.freeze({ windowMs: 60_000, maxTrades: 20, maxSold: Object.freeze({}) }),
});
