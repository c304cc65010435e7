import type { ConsumerConfig, KvOptions, StreamConfig } from 'nats';

/** The JetStream resources an app creates (it owns them) or waits for (another app owns them). */
export interface JetStreamResources {
  streams?: (Partial<StreamConfig> & { name: string })[];
  consumers?: { stream: string; config: Partial<ConsumerConfig> & { durable_name: string } }[];
  buckets?: { name: string; options: Partial<KvOptions> }[];
}

/** Names of resources that must exist for an app to be ready, created by others. */
export interface RequiredResources {
  streams?: string[];
  buckets?: string[];
}
