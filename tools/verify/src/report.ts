import type { Difference } from './compare';

export interface Report {
  /** Trades counted in the recount of TRANSACTIONS. */
  trades: number;
  /** Messages set aside (no foldable trade), by partition: only partitions that have some. */
  quarantined: Record<number, number>;
  /** Messages on a subject that is no partition's: no fold reads them. */
  outside: number;
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

/**
 * What verify prints: a line per partition with messages set aside, a line for messages no
 * partition reads, each difference, and a closing line: all agree, or how many differ.
 */
export function formatReport({ trades, quarantined, outside, keys, differences }: Report): string {
  const partitions = Object.entries(quarantined).sort(([a], [b]) => Number(a) - Number(b));
  const setAside = partitions.reduce((sum, [, count]) => sum + count, 0);
  const lines = partitions.map(
    ([partition, count]) => `partition ${partition}: ${count} quarantined (set aside, recorded in stream QUARANTINE)`,
  );
  if (outside > 0) lines.push(`${counted(outside, 'message')} on a subject that is no partition's: not folded`);
  lines.push(...differences.map(describeDifference));
  const read = [
    counted(trades, 'trade'),
    ...(setAside > 0 ? [`${setAside} quarantined`] : []),
    counted(keys, 'key'),
  ].join(', ');
  if (differences.length === 0) lines.push(`verified: ${read}, all figures agree`);
  else
    lines.push(
      `FAILED: ${counted(differences.length, 'figure')} ${differences.length === 1 ? 'differs' : 'differ'} (${read})`,
    );
  return lines.join('\n');
}
