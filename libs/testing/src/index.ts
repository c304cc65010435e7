export { freePort } from './lib/free-port';
export { findNatsServerBinary } from './lib/find-binary';
export {
  startNatsServer,
  type NatsServerHandle,
  type NatsServerProcessOptions,
  type StartNatsServerOptions,
} from './lib/nats-server';
export { publishRaw } from './lib/nats-wire';
export { createJwtAccount, createNkeyUser, type JwtAccount, type NkeyUser } from './lib/nats-credentials';
export { natsConfigFile, passwordUserConfig, privateFile } from './lib/nats-config-file';
export { createTlsFiles, type TlsFiles } from './lib/tls-files';
export { eventually } from './lib/eventually';
export { streamContents, type StoredMessage } from './lib/stream-contents';
export { startHttpApp, type RunningApp } from './lib/http-app';
export { getJson, postJson, type JsonResponse } from './lib/http-json';
export { type MetricSample, Metrics, parseMetrics, scrapeMetrics } from './lib/prometheus-text';
export { spawnApp, type AppProcess } from './lib/app-process';
export { untilHealthy, type UntilHealthyOptions } from './lib/until-healthy';
export { WsClient, type WsMessage } from './lib/ws-client';
export { startAppOnNats, type AppOnNats } from './lib/app-on-nats';
export {
  startNatsCluster,
  supportsSyncInterval,
  natsServerVersion,
  renderNodeConfig,
  workspaceRoot,
  type ClusterNode,
  type NatsClusterHandle,
  type NodeSettings,
  type StartNatsClusterOptions,
} from './lib/nats-cluster';
export { countedInKv } from './lib/kv-counted';
export { FakeKv, type FakeKvOptions, type WriteInterceptor } from './lib/fake-kv';
export { startPrometheus, type PrometheusHandle, type PrometheusSample } from './lib/prometheus';
