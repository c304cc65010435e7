import { eventually } from './eventually';
import { type RunningApp, startHttpApp } from './http-app';
import { type NatsServerHandle, startNatsServer } from './nats-server';

export interface AppOnNats {
  server: NatsServerHandle;
  app: RunningApp;
  /** Stops the app, then the server, and removes its store. */
  dispose(): Promise<void>;
}

/**
 * A nats-server of the suite's own and an app connected to it, served in-process; unless told
 * otherwise, resolves once the app's /health says it is ready.
 */
export async function startAppOnNats(
  loadModule: () => Promise<unknown>,
  environment: Record<string, string> = {},
  { waitUntilHealthy = true } = {},
): Promise<AppOnNats> {
  const server = await startNatsServer();
  const app = await startHttpApp(loadModule, { NATS_URL: server.url, ...environment });
  if (waitUntilHealthy) {
    await eventually(async () => expect((await fetch(`${app.url}/health`)).status).toBe(200), 20_000);
  }
  return {
    server,
    app,
    dispose: async () => {
      await app.close();
      await server.dispose();
    },
  };
}
