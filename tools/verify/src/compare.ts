/** One figure that the recount and the KV bucket disagree on. */
export interface Difference {
  key: string;
  /** Where in the value, `pairs.EUR-GBP.minutes[3].count`; empty for the whole value. */
  path: string;
  /** What the recount of TRANSACTIONS gives; undefined when it has no such figure. */
  expected: unknown;
  /** What KV holds; undefined when it has no such figure. */
  actual: unknown;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const fieldPath = (path: string, field: string) => (path ? `${path}.${field}` : field);

/** Numbers within keys in numeric order: `partitions.2` before `partitions.10`. */
const KEY_ORDER = new Intl.Collator('en', { numeric: true });

/** Every leaf where the two values differ, one Difference each. */
function compareValues(key: string, path: string, expected: unknown, actual: unknown, into: Difference[]): void {
  if (isRecord(expected) && isRecord(actual)) {
    // The expected value's field order first: figures read in the order the model lists them.
    const fields = new Set([...Object.keys(expected), ...Object.keys(actual)]);
    for (const field of fields) compareValues(key, fieldPath(path, field), expected[field], actual[field], into);
  } else if (Array.isArray(expected) && Array.isArray(actual)) {
    for (let i = 0; i < Math.max(expected.length, actual.length); i++) {
      compareValues(key, `${path}[${i}]`, expected[i], actual[i], into);
    }
  } else if (!Object.is(expected, actual)) {
    into.push({ key, path, expected, actual });
  }
}

/**
 * Every difference between the recounted values and the values in KV, key by key in key order,
 * including keys that only one of them has.
 */
export function compareStats(expected: Map<string, unknown>, actual: Map<string, unknown>): Difference[] {
  const differences: Difference[] = [];
  const keys = [...new Set([...expected.keys(), ...actual.keys()])].sort(KEY_ORDER.compare);
  for (const key of keys) compareValues(key, '', expected.get(key), actual.get(key), differences);
  return differences;
}
