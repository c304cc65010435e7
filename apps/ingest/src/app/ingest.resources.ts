import type { ConfigService } from '@nestjs/config';
import type { JetStreamResources } from '@tradeflow/nats';
import {
  idempotencyBucket,
  ingestSubmissionsConsumer,
  rejectedStream,
  STREAMS,
  submissionsStream,
  transactionsStream,
} from '@tradeflow/topology';
import type { IngestEnvironment } from './ingest.environment';

/** The streams, consumer and bucket ingest owns, with their limits from the environment. */
export function ingestResources(config: ConfigService<IngestEnvironment, true>): JetStreamResources {
  const env = (key: keyof IngestEnvironment) => config.get(key) as number;
  const limits = (prefix: 'SUBMISSIONS' | 'TRANSACTIONS' | 'REJECTED') => ({
    maxAgeSeconds: env(`${prefix}_MAX_AGE_SECONDS`),
    maxBytes: env(`${prefix}_MAX_BYTES`),
    maxMessages: env(`${prefix}_MAX_MESSAGES`),
  });
  const replicas = env('JS_REPLICAS');
  return {
    streams: [
      submissionsStream(limits('SUBMISSIONS'), replicas),
      transactionsStream(limits('TRANSACTIONS'), env('DUPLICATE_WINDOW_SECONDS'), replicas),
      rejectedStream(limits('REJECTED'), replicas),
    ],
    consumers: [
      {
        stream: STREAMS.submissions,
        config: ingestSubmissionsConsumer(env('SUBMISSIONS_CONCURRENCY') * 4),
      },
    ],
    buckets: [idempotencyBucket(env('IDEMPOTENCY_TTL_SECONDS'), replicas)],
  };
}
