import type { ConfigService } from '@nestjs/config';
import type { JetStreamResources } from '@tradeflow/nats';
import { flagsStream, leasesBucket, quarantineStream, statsBucket } from '@tradeflow/topology';
import type { ProcessEnvironment } from './process.environment';

/** process owns the statistics bucket, the leases that share its partitions, QUARANTINE and FLAGS. */
export function processResources(config: ConfigService<ProcessEnvironment, true>): JetStreamResources {
  const replicas = config.get('JS_REPLICAS', { infer: true });
  const flagLimits = {
    maxAgeSeconds: config.get('FLAGS_MAX_AGE_SECONDS', { infer: true }),
    maxBytes: config.get('FLAGS_MAX_BYTES', { infer: true }),
    maxMessages: config.get('FLAGS_MAX_MESSAGES', { infer: true }),
  };
  return {
    streams: [
      quarantineStream(replicas),
      flagsStream(flagLimits, config.get('FLAGS_DUPLICATE_WINDOW_SECONDS', { infer: true }), replicas),
    ],
    buckets: [statsBucket(replicas), leasesBucket(config.get('LEASE_TTL_SECONDS', { infer: true }), replicas)],
  };
}
