import type { IncomingMessage } from 'node:http';
import {
  HttpException,
  Injectable,
  type OnModuleInit,
  PayloadTooLargeException,
  UnsupportedMediaTypeException,
} from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { HttpAdapterHost } from '@nestjs/core';
import { parseJson } from '@tradeflow/trade';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { IngestEnvironment } from '../app/ingest.environment';
import type { ParsedBody } from '../intake/intake-input';
import { IngestMetrics } from '../metrics/ingest-metrics';
import { readBody } from './request-body';

/** application/json and the +json types, with or without parameters such as charset. */
const JSON_TYPE = /^application\/(?:[\w.-]+\+)?json(?:\s*;|$)/i;
/** The charset parameter of a content type, quoted or not. */
const CHARSET = /;\s*charset\s*=\s*"?([^";\s]*)/i;
const UTF_8 = /^utf-?8$/i;

/**
 * The only body ingest reads: JSON in UTF-8 (415 for any other type or charset), within a
 * per-route size limit (413, in the same words on both routes), parsed into a ParsedBody, which
 * says what is wrong with one that is no JSON. Fastify's routes get it as their content-type
 * parser; the single-trade route, which reads its body itself, calls it directly.
 */
@Injectable()
export class JsonBodyParser implements OnModuleInit {
  readonly singleLimit: number;
  readonly batchLimit: number;

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly metrics: IngestMetrics,
    config: ConfigService<IngestEnvironment, true>,
  ) {
    this.singleLimit = config.get('BODY_LIMIT_BYTES', { infer: true });
    this.batchLimit = config.get('BATCH_BODY_LIMIT_BYTES', { infer: true });
  }

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    fastify.removeAllContentTypeParsers();
    fastify.addContentTypeParser(JSON_TYPE, (request, payload, done) => {
      const refused = this.refusedType(request.headers['content-type']);
      if (refused) return done(this.counted(request, refused), undefined);
      const limit = request.routeOptions.url?.endsWith('/batch') ? this.batchLimit : this.singleLimit;
      this.read(payload, limit).then(
        (text) => done(null, this.parse(text)),
        (error: Error) => done(this.counted(request, error), undefined),
      );
    });
    fastify.addContentTypeParser('*', (request, _payload, done) =>
      done(this.counted(request, this.unsupportedType(request.headers['content-type'])), undefined),
    );
  }

  /** A trade route's body refused is a refused trade; a body sent to a path no route serves is not. */
  private counted(request: FastifyRequest, error: Error): Error {
    if (error instanceof HttpException && !request.is404) this.metrics.bodyRefused(error);
    return error;
  }

  /** Why a body of this content type is refused (415, saying what is expected); undefined for JSON in UTF-8. */
  refusedType(contentType: string | undefined): UnsupportedMediaTypeException | undefined {
    if (contentType === undefined || !JSON_TYPE.test(contentType)) return this.unsupportedType(contentType);
    const charset = CHARSET.exec(contentType)?.[1];
    if (charset !== undefined && !UTF_8.test(charset)) {
      return new UnsupportedMediaTypeException(`charset ${charset} is not accepted: send JSON in UTF-8`);
    }
    return undefined;
  }

  private unsupportedType(contentType: string | undefined): UnsupportedMediaTypeException {
    return new UnsupportedMediaTypeException(
      `content type ${contentType ?? '(none)'} is not accepted: send application/json`,
    );
  }

  /** The body as text; 413 as soon as it passes `limit`, RequestAborted when the client leaves mid-body. */
  read(request: IncomingMessage, limit: number): Promise<string> {
    return readBody(request, limit, () => new PayloadTooLargeException(`body is larger than ${limit} bytes`));
  }

  /** A body already within its limit, parsed; what is no JSON is for the intake to refuse. */
  parse(body: string): ParsedBody {
    const parsed = parseJson(body);
    return parsed.ok ? parsed : { ok: false, message: parsed.message, text: body };
  }
}
