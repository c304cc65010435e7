/** The keys of the KV bucket `stats`: `total`, `pairs.EUR-GBP`, `countries.FR`. */
export const STATS_KEYS = {
  total: 'total',
  pairs: 'pairs',
  countries: 'countries',
} as const;

export const pairName = (from: string, to: string): string => `${from}-${to}`;
export const pairKey = (from: string, to: string): string => `${STATS_KEYS.pairs}.${pairName(from, to)}`;
export const countryKey = (country: string): string => `${STATS_KEYS.countries}.${country}`;
