/** The keys of the KV bucket `stats`: one a partition, `partitions.<n>`. */
export const STATS_KEYS = {
  partitions: 'partitions',
} as const;

const PARTITION_PREFIX = `${STATS_KEYS.partitions}.`;

export const partitionStatsKey = (partition: number): string => `${PARTITION_PREFIX}${partition}`;

/** The partition a key of the bucket holds, or undefined when it is no partition's key. */
export function partitionOfKey(key: string): number | undefined {
  if (!key.startsWith(PARTITION_PREFIX)) return undefined;
  const partition = Number(key.slice(PARTITION_PREFIX.length));
  return Number.isSafeInteger(partition) && partition >= 0 ? partition : undefined;
}

export const pairName = (from: string, to: string): string => `${from}-${to}`;
