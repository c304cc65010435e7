import type { TokenBuckets } from './token-buckets';

/** Tokens wanted of one key's bucket. */
export interface Demand {
  buckets: TokenBuckets;
  key: string;
  cost: number;
}

/** The demand that keeps the others waiting longest, and for how many seconds (Infinity: it never fits). */
export interface Shortfall<D extends Demand = Demand> {
  demand: D;
  seconds: number;
}

/**
 * Takes the tokens of every demand, or of none: undefined when taken, else the shortfall that
 * waits longest, so that nothing is spent on what is refused and a retry after that wait finds
 * every demand met (unless others take the tokens first). A key appears at most once per
 * TokenBuckets: add up its costs first.
 */
export function takeAll<D extends Demand>(demands: D[], now: number): Shortfall<D> | undefined {
  let longest: Shortfall<D> | undefined;
  for (const demand of demands) {
    const seconds = demand.buckets.secondsUntil(demand.key, demand.cost, now);
    if (seconds > (longest?.seconds ?? 0)) longest = { demand, seconds };
  }
  if (longest) return longest;
  for (const { buckets, key, cost } of demands) buckets.take(key, cost, now);
  return undefined;
}
