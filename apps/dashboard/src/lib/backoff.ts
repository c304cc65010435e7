export interface BackoffOptions {
  firstMs: number;
  maxMs: number;
}

export const RECONNECT: BackoffOptions = { firstMs: 500, maxMs: 15_000 };

/**
 * How long to wait before reconnect attempt `attempt` (0 for the first): doubling from `firstMs`
 * up to `maxMs`, each drawn between half and all of that, so that many pages that lost the same
 * server do not all come back at the same instant.
 */
export function reconnectDelay(attempt: number, random: () => number = Math.random, options = RECONNECT): number {
  const ceiling = Math.min(options.maxMs, options.firstMs * 2 ** Math.min(Math.max(attempt, 0), 30));
  return Math.round(ceiling * (0.5 + 0.5 * Math.min(Math.max(random(), 0), 1)));
}
