import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createHttpApp } from '@tradeflow/platform';

export interface RunningApp {
  app: NestFastifyApplication;
  /** http://127.0.0.1:<port> */
  url: string;
  /** Graceful shutdown, as on SIGTERM. */
  close(): Promise<void>;
}

/**
 * Sets the environment, imports the app's module (its ConfigModule reads the environment when
 * the module is first imported) and serves it on a free loopback port.
 */
export async function startHttpApp(
  loadModule: () => Promise<unknown>,
  environment: Record<string, string>,
  configure?: (app: NestFastifyApplication) => void,
): Promise<RunningApp> {
  Object.assign(process.env, { LOG_LEVEL: 'error', ...environment });
  const app = await createHttpApp((await loadModule()) as Parameters<typeof createHttpApp>[0], configure);
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as { port: number };
  return { app, url: `http://127.0.0.1:${port}`, close: () => app.close() };
}
