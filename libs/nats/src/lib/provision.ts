import { type JetStreamClient, type JetStreamManager, nanos } from 'nats';
import { API_ERROR, isApiError } from './api-errors';
import type { JetStreamResources, RequiredResources } from './resources';

/** The stream that holds a KV bucket. */
export const bucketStream = (bucket: string) => `KV_${bucket}`;

/**
 * Creates what is missing and brings what exists up to date, so every start (and every instance)
 * can run it: creating an existing stream is an update, never a second stream.
 */
export async function provision(
  jsm: JetStreamManager,
  js: JetStreamClient,
  resources: JetStreamResources,
): Promise<void> {
  for (const stream of resources.streams ?? []) {
    const exists = await jsm.streams.info(stream.name).then(() => true, absent(API_ERROR.streamNotFound));
    if (exists) await jsm.streams.update(stream.name, stream);
    else await jsm.streams.add(stream);
  }
  for (const { stream, config } of resources.consumers ?? []) {
    const exists = await jsm.consumers
      .info(stream, config.durable_name)
      .then(() => true, absent(API_ERROR.consumerNotFound));
    if (exists) await jsm.consumers.update(stream, config.durable_name, config);
    else await jsm.consumers.add(stream, config);
  }
  for (const { name, options } of resources.buckets ?? []) {
    await js.views.kv(name, options);
    await keepTtl(jsm, name, options.ttl);
  }
}

/** A bucket's TTL as configured now: nats.js creates a missing bucket, and leaves an existing one as it is. */
async function keepTtl(jsm: JetStreamManager, bucket: string, ttlMs = 0): Promise<void> {
  const { config } = await jsm.streams.info(bucketStream(bucket));
  if (config.max_age !== nanos(ttlMs)) await jsm.streams.update(config.name, { ...config, max_age: nanos(ttlMs) });
}

/** The first resource that is missing, as a sentence, or null when all are there. */
export async function findMissing(
  jsm: JetStreamManager,
  owned: JetStreamResources,
  required: RequiredResources,
): Promise<string | null> {
  const streams = [...(owned.streams ?? []).map((stream) => stream.name), ...(required.streams ?? [])];
  const buckets = [...(owned.buckets ?? []).map((bucket) => bucket.name), ...(required.buckets ?? [])];
  const expected = [
    ...streams.map((name) => ({ stream: name, what: `stream ${name}` })),
    ...buckets.map((name) => ({ stream: bucketStream(name), what: `KV bucket ${name}` })),
  ];
  for (const { stream, what } of expected) {
    const found = await jsm.streams.info(stream).then(() => true, absent(API_ERROR.streamNotFound));
    if (!found) return `${what} does not exist`;
  }
  for (const { stream, config } of owned.consumers ?? []) {
    const found = await jsm.consumers
      .info(stream, config.durable_name)
      .then(() => true, absent(API_ERROR.consumerNotFound));
    if (!found) return `consumer ${config.durable_name} on ${stream} does not exist`;
  }
  return null;
}

/** A rejection handler that turns "not found" into false and rethrows anything else. */
function absent(code: number) {
  const notFound = isApiError(code);
  return (error: unknown): false => {
    if (notFound(error)) return false;
    throw error;
  };
}
