import type { Difference } from './compare';

export interface Report {
  /** Trades read from TRANSACTIONS. */
  trades: number;
  /** Keys in the recount or in KV. */
  keys: number;
  differences: Difference[];
}

const MAX_SHOWN_CHARS = 200;

/** A value as JSON, shortened when long (a whole missing pair); `nothing` when absent. */
function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  const json = JSON.stringify(value);
  return json.length > MAX_SHOWN_CHARS ? `${json.slice(0, MAX_SHOWN_CHARS)}…` : json;
}

const counted = (count: number, noun: string) => `${count} ${noun}${count === 1 ? '' : 's'}`;

const describeDifference = ({ key, path, expected, actual }: Difference): string =>
  `${path ? `${key} ${path}` : key}: expected ${show(expected)}, KV has ${show(actual)}`;

/** What verify prints: one line when all agree, else each difference and a closing line. */
export function formatReport({ trades, keys, differences }: Report): string {
  const read = `${counted(trades, 'trade')}, ${counted(keys, 'key')}`;
  if (differences.length === 0) return `verified: ${read}, all figures agree`;
  const differ = `${counted(differences.length, 'figure')} ${differences.length === 1 ? 'differs' : 'differ'}`;
  return [...differences.map(describeDifference), `FAILED: ${differ} (${read})`].join('\n');
}
