export * from './lib/model';
export { STATS_KEYS, countryKey, pairKey, pairName } from './lib/keys';
