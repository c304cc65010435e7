import { type PartitionStats, partitionOfKey } from '@tradeflow/fold';
import { BUCKETS } from '@tradeflow/topology';
import type { JetStreamClient } from 'nats';

/**
 * The trades KV `stats` has counted: the partitions' totals added up (0 before the bucket or a
 * partition exists). Rejects when the bucket cannot be read.
 */
export async function countedInKv(js: JetStreamClient): Promise<number> {
  const kv = await js.views.kv(BUCKETS.stats, { bindOnly: true });
  // All keys first: nats.js drops the keys not yet iterated when the listing ends during an await.
  const keys: string[] = [];
  for await (const key of await kv.keys()) if (partitionOfKey(key) !== undefined) keys.push(key);
  let total = 0;
  for (const key of keys) {
    const entry = await kv.get(key);
    if (entry?.operation === 'PUT') total += entry.json<PartitionStats>().total;
  }
  return total;
}
