/** `full`: every trade (`transactions`); `summary`: totals, changed figures, the latest trades. */
export type Feed = 'full' | 'summary';

/** The feed a `subscribe` message's data asks for, or undefined when it asks for none. */
export function requestedFeed(data: unknown): Feed | undefined {
  if (typeof data !== 'object' || data === null || !Object.hasOwn(data, 'feed')) return undefined;
  const { feed } = data as { feed: unknown };
  return feed === 'full' || feed === 'summary' ? feed : undefined;
}
