import { BUCKETS } from '@tradeflow/topology';
import type { JetStreamClient } from 'nats';

const decoder = new TextDecoder();

/** A value as JSON, or as the text it is when it is not JSON, so that it is reported, not fatal. */
function parse(data: Uint8Array): unknown {
  const text = decoder.decode(data);
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Every key of the bucket `stats` with its value; rejects when the bucket does not exist (it is not created). */
export async function readStats(js: JetStreamClient): Promise<Map<string, unknown>> {
  const kv = await js.views.kv(BUCKETS.stats, { bindOnly: true });
  // All keys first: nats.js drops the keys not yet iterated when the listing ends during an await.
  const keys: string[] = [];
  for await (const key of await kv.keys()) keys.push(key);
  const values = new Map<string, unknown>();
  for (const key of keys) {
    const entry = await kv.get(key);
    if (entry?.operation === 'PUT') values.set(key, parse(entry.value));
  }
  return values;
}
