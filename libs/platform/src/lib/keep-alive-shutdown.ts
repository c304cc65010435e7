import type { Server } from 'node:http';
import { type BeforeApplicationShutdown, Injectable } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';

/**
 * On shutdown, a keep-alive connection is closed as soon as its request in flight is answered.
 * Otherwise the client's idle connection would hold the process for the keep-alive timeout
 * (HTTP_KEEP_ALIVE_TIMEOUT_MS) after the server stopped listening.
 */
@Injectable()
export class KeepAliveShutdown implements BeforeApplicationShutdown {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  beforeApplicationShutdown(): void {
    const server = this.adapterHost.httpAdapter?.getHttpServer() as Server | undefined;
    // Read by Node when a response ends, to time out the idle connection (0 would mean never).
    if (server) server.keepAliveTimeout = 1;
  }
}
