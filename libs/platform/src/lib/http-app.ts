import type { Server } from 'node:http';
import { ConfigService } from '@nestjs/config';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from 'nestjs-pino';
import { limitConnections } from './connection-limits';
import { ResponseHeaders } from './response-headers';
import type { RuntimeEnvironment } from './runtime.environment';

type AppModule = Parameters<typeof NestFactory.create>[0];

/**
 * A Nest app on Fastify with pino logs, graceful shutdown on SIGTERM/SIGINT, the security (and
 * CORS) headers on every response, and bounds on what slow and idle clients hold. Body parsing
 * is left to the app: only ingest takes bodies, with limits and errors of its own.
 */
export async function createHttpApp(
  module: AppModule,
  configure: (app: NestFastifyApplication) => void = () => undefined,
): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(module, new FastifyAdapter(), {
    bufferLogs: true,
    bodyParser: false,
  });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  const config = app.get<ConfigService<RuntimeEnvironment, true>>(ConfigService);
  limitConnections(app.getHttpServer() as Server, {
    headersTimeoutMs: config.get('HTTP_HEADERS_TIMEOUT_MS', { infer: true }),
    requestTimeoutMs: config.get('HTTP_REQUEST_TIMEOUT_MS', { infer: true }),
    keepAliveTimeoutMs: config.get('HTTP_KEEP_ALIVE_TIMEOUT_MS', { infer: true }),
    maxConnections: config.get('HTTP_MAX_CONNECTIONS', { infer: true }),
  });
  await app.get(ResponseHeaders).applyTo(app);
  configure(app);
  return app;
}

/** main.ts of every app: create, listen on HOST:PORT, say where. */
export async function runHttpApp(
  module: AppModule,
  configure?: (app: NestFastifyApplication) => void,
): Promise<NestFastifyApplication> {
  const app = await createHttpApp(module, configure);
  const config = app.get<ConfigService<RuntimeEnvironment, true>>(ConfigService);
  await app.listen(config.get('PORT', { infer: true }), config.get('HOST', { infer: true }));
  app.get(Logger).log(`listening on ${await app.getUrl()}`);
  return app;
}
