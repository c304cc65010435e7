import { Logger } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { WsAdapter } from '@nestjs/platform-ws';

interface Emitter {
  on(event: string, listener: (value: never) => void): unknown;
}

/**
 * WsAdapter, except that what a client does wrong (a frame over the limit, a malformed frame) is
 * logged as the client's doing, not as an error of the server: WsAdapter logs it with error().
 */
class StatsWsAdapter extends WsAdapter {
  private readonly clientLogger = new Logger('WebSocketClient');

  override bindErrorHandler(server: Emitter): Emitter {
    // A socket must keep an 'error' listener: without one, ws's error event would be thrown.
    server.on('connection', (socket: Emitter) =>
      socket.on('error', (error: Error) => this.clientLogger.debug(`socket closed: ${error.message}`)),
    );
    server.on('error', (error: Error) => this.logger.error(error));
    return server;
  }
}

/** WebSockets on the HTTP server itself: /ws shares the HTTP port. */
export const useWebSockets = (app: NestFastifyApplication): void => {
  app.useWebSocketAdapter(new StatsWsAdapter(app));
};
