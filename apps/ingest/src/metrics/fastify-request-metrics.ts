import { Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { IngestMetrics } from './ingest-metrics';

/** The route of every request no route serves: a scan of made-up paths is one label value, not one each. */
const UNKNOWN_ROUTE = 'other';

/** The route's pattern ("GET /health"), never the path, which the client makes up. */
const routeOf = (request: FastifyRequest) =>
  request.is404 ? UNKNOWN_ROUTE : `${request.method} ${request.routeOptions.url}`;

/** Counts and times every request Fastify answers: all but POST /transactions, which records its own. */
@Injectable()
export class FastifyRequestMetrics implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly metrics: IngestMetrics,
  ) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    fastify.addHook('onResponse', (request, reply, done) => {
      this.metrics.httpRoute(routeOf(request)).record(reply.statusCode, reply.elapsedTime / 1000);
      done();
    });
  }
}
