import type { ConfigService } from '@nestjs/config';
import type { JetStreamResources } from '@tradeflow/nats';
import { leasesBucket, quarantineStream, statsBucket } from '@tradeflow/topology';
import type { ProcessEnvironment } from './process.environment';

/** process owns the statistics bucket, the leases that share its partitions, and QUARANTINE. */
export function processResources(config: ConfigService<ProcessEnvironment, true>): JetStreamResources {
  const replicas = config.get('JS_REPLICAS', { infer: true });
  return {
    streams: [quarantineStream(replicas)],
    buckets: [statsBucket(replicas), leasesBucket(config.get('LEASE_TTL_SECONDS', { infer: true }), replicas)],
  };
}
