export { RuntimeEnvironment, validateEnvironment } from './lib/runtime.environment';
export { Secret } from './lib/secret';
export { Count, PositiveCount } from './lib/count';
export { PlatformModule } from './lib/platform.module';
export { createHttpApp, runHttpApp } from './lib/http-app';
export { ResponseHeaders } from './lib/response-headers';
export { IsOriginList, OriginList } from './lib/origin-list';
export { StopSignal } from './lib/stop-signal';
export { type BackoffOptions, retryWithBackoff } from './lib/retry-with-backoff';
