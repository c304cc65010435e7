import type { IncomingMessage, RequestListener, Server, ServerResponse } from 'node:http';
import { HttpException, HttpStatus, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { HttpAdapterHost } from '@nestjs/core';
import { validateTrade } from '@tradeflow/trade';
import type { IngestEnvironment } from '../app/ingest.environment';
import { RejectionsPublisher } from '../rejections/rejections.publisher';
import { BrokerUnavailableError } from './broker-unavailable.error';
import { tradeIds } from './idempotency-key';
import { invalidRequest } from './invalid-request';
import { JsonBodyParser } from './json-body.parser';
import { TransactionsPublisher } from './transactions.publisher';

const PATH = '/transactions';

const isSubmitTrade = ({ method, url }: IncomingMessage) =>
  method === 'POST' && (url === PATH || url?.startsWith(`${PATH}?`) === true);

/**
 * `POST /transactions`, one trade: 202 with its id once JetStream has it. This is the hot route,
 * so it is served from the HTTP server's request event, ahead of Fastify and Nest, whose
 * per-request machinery (routing, hooks, body parsing, reply) cost more than validating and
 * storing the trade. It keeps their behaviour: the same body parser and limits, the same answers
 * and error bodies as the batch route's.
 */
@Injectable()
export class SubmitTradeRoute implements OnModuleInit {
  private readonly logger = new Logger(SubmitTradeRoute.name);
  private readonly retryAfter: string;

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly body: JsonBodyParser,
    private readonly publisher: TransactionsPublisher,
    private readonly rejections: RejectionsPublisher,
    config: ConfigService<IngestEnvironment, true>,
  ) {
    this.retryAfter = String(config.get('RETRY_AFTER_SECONDS', { infer: true }));
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
    try {
      const id = await this.submit(request);
      this.answer(response, HttpStatus.ACCEPTED, { id });
    } catch (error) {
      this.answerError(response, error);
    }
  }

  private async submit(request: IncomingMessage): Promise<string> {
    const contentType = request.headers['content-type'];
    if (!this.body.isJson(contentType)) throw this.body.unsupportedType(contentType);
    const body = this.body.parse(await this.readBody(request));
    // Node joins a repeated header into one string; only set-cookie is ever an array.
    const ids = tradeIds(request.headers['idempotency-key'] as string | undefined);
    const validation = validateTrade(body);
    if (!validation.ok) {
      this.rejections.noteHttp(body, validation.errors);
      throw invalidRequest('invalid trade', validation.errors);
    }
    const trade = await this.publisher.publish(validation.trade, ids(), new Date());
    return trade.id;
  }

  /** The body as text, refused with 413 as soon as it passes the limit (the rest is read and dropped). */
  private readBody(request: IncomingMessage): Promise<string> {
    const limit = this.body.singleLimit;
    return new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      let size = 0;
      request.on('data', (chunk: Buffer) => {
        if (size > limit) return;
        size += chunk.length;
        if (size <= limit) chunks.push(chunk);
        else reject(this.body.tooLarge(limit));
      });
      request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
      request.on('error', reject);
    });
  }

  private answerError(response: ServerResponse, error: unknown): void {
    if (error instanceof HttpException) {
      return this.answer(response, error.getStatus(), error.getResponse());
    }
    if (error instanceof BrokerUnavailableError) {
      return this.answer(response, HttpStatus.SERVICE_UNAVAILABLE, error.answer(), { 'retry-after': this.retryAfter });
    }
    this.logger.error(`POST ${PATH} failed: ${(error as Error).stack ?? error}`);
    this.answer(response, HttpStatus.INTERNAL_SERVER_ERROR, { statusCode: 500, message: 'Internal server error' });
  }

  private answer(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    if (response.headersSent || response.destroyed) return;
    const json = JSON.stringify(body);
    response.writeHead(status, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(json),
      ...headers,
    });
    response.end(json);
  }
}
