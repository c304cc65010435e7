export { NatsModule, type NatsModuleOptions } from './lib/nats.module';
export { NatsClient } from './lib/nats.client';
export { type AppHealthCheck, HealthChecks, type HealthReport } from './lib/health/health-checks';
export {
  AckedPublisher,
  type AckedPublishOptions,
  type PubAck,
  PublishNotAcknowledgedError,
  type PublishObserver,
} from './lib/acked-publisher';
export { NatsEnvironment } from './lib/nats.environment';
export { natsServers, shownServers } from './lib/server-urls';
export { natsConnectionOptions, type NatsConnectionEnvironment } from './lib/connection-options';
export type { JetStreamResources, RequiredResources } from './lib/resources';
export { decodeJson, encodeJson } from './lib/json';
export { StreamReader, type StreamReadOptions } from './lib/stream-reader';
export { countKeys, lastStoredSeq, latestRevision, nextStoredSeq } from './lib/leader-reads';
export { bucketStream } from './lib/provision';
export { describeNatsError } from './lib/describe-error';
export { isWrongLastSequence } from './lib/api-errors';
