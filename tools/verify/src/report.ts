import type { Difference } from './compare';
import type { FlagsReport } from './compare-flags';

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
  flags: FlagsReport;
}

const MAX_SHOWN_CHARS = 200;

/** A value as JSON, shortened when long (a whole missing pair); `nothing` when absent. */
function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  const json = JSON.stringify(value);
  return json.length > MAX_SHOWN_CHARS ? `${json.slice(0, MAX_SHOWN_CHARS)}…` : json;
}

const counted = (count: number, noun: string) => `${count} ${noun}${count === 1 ? '' : 's'}`;

const describeDifference =
  (where: string, prefix = '') =>
  ({ key, path, expected, actual }: Difference): string =>
    `${prefix}${path ? `${key} ${path}` : key}: expected ${show(expected)}, ${where} has ${show(actual)}`;

/** `2 figures differ`, `1 flag differs`. */
const differing = (count: number, noun: string) => `${counted(count, noun)} ${count === 1 ? 'differs' : 'differ'}`;

/** The flags read, as the closing line counts them: none when there are none. */
function flagsRead({ expected }: FlagsReport): string[] {
  const total = expected['off-market'] + expected.velocity;
  if (total === 0) return [];
  return [`${counted(total, 'flag')} (${expected['off-market']} off-market, ${expected.velocity} velocity)`];
}

/**
 * What verify prints: a line per partition with messages set aside, a line for messages no
 * partition reads, each difference of a figure and of a flag, each flag stored more than once,
 * and a closing line: all agree, or what differs.
 */
export function formatReport({ trades, quarantined, outside, keys, differences, flags }: Report): string {
  const partitions = Object.entries(quarantined).sort(([a], [b]) => Number(a) - Number(b));
  const setAside = partitions.reduce((sum, [, count]) => sum + count, 0);
  const lines = partitions.map(
    ([partition, count]) => `partition ${partition}: ${count} quarantined (set aside, recorded in stream QUARANTINE)`,
  );
  if (outside > 0) lines.push(`${counted(outside, 'message')} on a subject that is no partition's: not folded`);
  if (flags.agedOut > 0) {
    lines.push(`${counted(flags.agedOut, 'flag')} older than what FLAGS keeps (its limits let them go): not compared`);
  }
  lines.push(...differences.map(describeDifference('KV')));
  lines.push(...flags.differences.map(describeDifference('FLAGS', 'flag ')));
  lines.push(...flags.doubled.map(({ id, times }) => `flag ${id}: stored ${times} times in FLAGS`));
  const read = [
    counted(trades, 'trade'),
    ...(setAside > 0 ? [`${setAside} quarantined`] : []),
    counted(keys, 'key'),
    ...flagsRead(flags),
  ].join(', ');
  const failures = [
    ...(differences.length > 0 ? [differing(differences.length, 'figure')] : []),
    ...(flags.differences.length > 0 ? [differing(flags.differences.length, 'flag')] : []),
    ...(flags.doubled.length > 0 ? [`${counted(flags.doubled.length, 'flag')} stored more than once`] : []),
  ];
  lines.push(
    failures.length === 0 ? `verified: ${read}, all figures agree` : `FAILED: ${failures.join(', ')} (${read})`,
  );
  return lines.join('\n');
}

/** Whether the report finds nothing wrong. */
export const agrees = ({ differences, flags }: Report): boolean =>
  differences.length === 0 && flags.differences.length === 0 && flags.doubled.length === 0;
