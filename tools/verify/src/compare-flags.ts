import { type Flag, type FlagKind, readFlag } from '@tradeflow/contract';
import { flagSubject } from '@tradeflow/topology';
import { compareStats, type Difference } from './compare';
import type { StoredFlags } from './read-flags';

/** How the flags FLAGS holds compare with those the recount raises. */
export interface FlagsReport {
  /** The flags the recount raises, by kind. */
  expected: Record<FlagKind, number>;
  /** Raised, not in FLAGS, and older than the oldest flag FLAGS keeps of their partition, which its limits let go. */
  agedOut: number;
  /** By flag id: missing from FLAGS, in FLAGS but not raised, or stored otherwise than raised. */
  differences: Difference[];
  /** Flags stored more than once. */
  doubled: { id: string; times: number }[];
}

/** A flag as compared: where it was published, and what it says. */
type Published = { subject: string } & Flag;

const decoder = new TextDecoder();
const partitionOfSubject = (subject: string) => Number(subject.slice(subject.lastIndexOf('.') + 1));

/**
 * Compares the flags the recount raised (with the partition that raised each) with the messages
 * of FLAGS, by id. A message that is no flag counts as one FLAGS has and the recount does not.
 */
export function compareFlags(expected: { partition: number; flag: Flag }[], stored: StoredFlags): FlagsReport {
  const raised = new Map<string, Published>(
    expected.map(({ partition, flag }) => [flag.id, { subject: flagSubject(flag.kind, partition), ...flag }]),
  );
  const found = new Map<string, Published | string>();
  const times = new Map<string, number>();
  /** By partition, the lowest trade sequence among the flags FLAGS still holds. */
  const oldestKept = new Map<number, number>();
  stored.messages.forEach(({ subject, data }, index) => {
    const text = decoder.decode(data);
    const flag = readFlag(text);
    const id = flag?.id ?? `(not a flag, message ${index + 1} read, on ${subject})`;
    found.set(id, flag ? { subject, ...flag } : text);
    times.set(id, (times.get(id) ?? 0) + 1);
    if (flag) {
      const partition = partitionOfSubject(subject);
      oldestKept.set(partition, Math.min(oldestKept.get(partition) ?? Infinity, flag.seq));
    }
  });
  let agedOut = 0;
  if (stored.trimmed) {
    for (const [id, flag] of raised) {
      if (!found.has(id) && flag.seq < (oldestKept.get(partitionOfSubject(flag.subject)) ?? Infinity)) {
        raised.delete(id);
        agedOut++;
      }
    }
  }
  const counts = { 'off-market': 0, velocity: 0 };
  for (const { flag } of expected) counts[flag.kind]++;
  return {
    expected: counts,
    agedOut,
    differences: compareStats(raised, found),
    doubled: [...times].filter(([, count]) => count > 1).map(([id, count]) => ({ id, times: count })),
  };
}
