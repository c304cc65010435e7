import type { IncomingMessage, RequestListener, Server, ServerResponse } from 'node:http';
import { HttpException, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { ResponseHeaders } from '@tradeflow/platform';
import { IntakeService } from '../intake/intake.service';
import { IngestMetrics } from '../metrics/ingest-metrics';
import type { RouteMeter } from '../metrics/route-meter';
import { type HttpAnswer, HttpAnswers } from './http-answers';
import { describeHttpIntake } from './http-intake-context';
import { JsonBodyParser } from './json-body.parser';
import { RequestAborted } from './request-body';

const PATH = '/transactions';
const ROUTE = `POST ${PATH}`;

const describeSubmitTrade = describeHttpIntake(ROUTE);

const isSubmitTrade = ({ method, url }: IncomingMessage) =>
  method === 'POST' && (url === PATH || url?.startsWith(`${PATH}?`) === true);

/**
 * `POST /transactions`, one trade: 202 with its id once JetStream has it. This is the hot route,
 * so it is served from the HTTP server's request event, ahead of Fastify and Nest, whose
 * per-request machinery (routing, hooks, body parsing, reply) cost more than validating and
 * storing the trade. It keeps their behaviour: the same body parser and limits, the same intake
 * (with its policies), the same answers as the batch route's, the same security (and CORS)
 * headers as every response, and it is counted and timed in the metrics as Fastify's routes are.
 */
@Injectable()
export class SubmitTradeRoute implements OnModuleInit {
  private readonly logger = new Logger(SubmitTradeRoute.name);
  private readonly requests: RouteMeter;

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly body: JsonBodyParser,
    private readonly intake: IntakeService,
    private readonly answers: HttpAnswers,
    private readonly responseHeaders: ResponseHeaders,
    private readonly metrics: IngestMetrics,
  ) {
    this.requests = metrics.httpRoute(ROUTE);
  }

  /** Puts this route in front of Fastify's one request listener, which serves every other request. */
  onModuleInit(): void {
    const server = this.adapterHost.httpAdapter.getHttpServer() as Server;
    const listeners = server.listeners('request') as RequestListener[];
    if (listeners.length !== 1) throw new Error(`expected Fastify's request listener alone, found ${listeners.length}`);
    const [fastify] = listeners;
    server.removeListener('request', fastify);
    server.on('request', (request: IncomingMessage, response: ServerResponse) =>
      isSubmitTrade(request) ? void this.serve(request, response) : fastify(request, response),
    );
  }

  private async serve(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const startedAt = performance.now();
    try {
      const refusedType = this.body.refusedType(request.headers['content-type']);
      if (refusedType) throw refusedType;
      const body = this.body.parse(await this.body.read(request, this.body.singleLimit));
      // Node joins a repeated header into one string; only set-cookie is ever an array.
      const key = request.headers['idempotency-key'] as string | undefined;
      const outcome = await this.intake.submitTrade(body, key, request, describeSubmitTrade);
      this.answer(response, this.answers.of(outcome), startedAt);
    } catch (error) {
      if (error instanceof RequestAborted) return this.logger.debug(`${ROUTE}: ${error.message}`);
      // The intake answers with outcomes: what it throws is the body parser's 413 or 415, or a fault.
      if (error instanceof HttpException) this.metrics.bodyRefused(error);
      else this.logger.error(`${ROUTE} failed: ${(error as Error).stack ?? error}`);
      this.answer(response, this.answers.ofError(error), startedAt);
    }
  }

  private answer(response: ServerResponse, { status, body, headers }: HttpAnswer, startedAt: number): void {
    if (response.headersSent || response.destroyed) return;
    const json = JSON.stringify(body);
    response.writeHead(status, {
      ...this.responseHeaders.forRawResponse(response.req),
      'content-type': 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(json),
      ...headers,
    });
    response.end(json);
    this.requests.record(status, (performance.now() - startedAt) / 1000);
  }
}
