import { Injectable, type OnModuleInit, PayloadTooLargeException, UnsupportedMediaTypeException } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { HttpAdapterHost } from '@nestjs/core';
import { parseJson } from '@tradeflow/trade';
import type { FastifyInstance } from 'fastify';
import type { IngestEnvironment } from '../app/ingest.environment';
import type { ParsedBody } from '../intake/intake-input';

/** application/json and the +json types, with or without parameters such as charset. */
const JSON_TYPE = /^application\/(?:[\w.-]+\+)?json(?:\s*;|$)/i;

/**
 * The only body ingest reads: JSON (415 for any other type), within a per-route size limit
 * (413), parsed into a ParsedBody, which says what is wrong with one that is no JSON. Fastify's
 * routes get it as their content-type parser; the single-trade route, which reads its body
 * itself, calls it directly.
 */
@Injectable()
export class JsonBodyParser implements OnModuleInit {
  readonly singleLimit: number;
  readonly batchLimit: number;

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    config: ConfigService<IngestEnvironment, true>,
  ) {
    this.singleLimit = config.get('BODY_LIMIT_BYTES', { infer: true });
    this.batchLimit = config.get('BATCH_BODY_LIMIT_BYTES', { infer: true });
  }

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    fastify.removeAllContentTypeParsers();
    fastify.addContentTypeParser(
      JSON_TYPE,
      { parseAs: 'string', bodyLimit: Math.max(this.singleLimit, this.batchLimit) },
      (request, body: string, done) => {
        const limit = request.routeOptions.url?.endsWith('/batch') ? this.batchLimit : this.singleLimit;
        if (Buffer.byteLength(body) > limit) return done(this.tooLarge(limit));
        done(null, this.parse(body));
      },
    );
    fastify.addContentTypeParser('*', (request, _payload, done) =>
      done(this.unsupportedType(request.headers['content-type']), undefined),
    );
  }

  isJson(contentType: string | undefined): boolean {
    return contentType !== undefined && JSON_TYPE.test(contentType);
  }

  /** Say what is expected rather than a bare 415. */
  unsupportedType(contentType: string | undefined): UnsupportedMediaTypeException {
    return new UnsupportedMediaTypeException(
      `content type ${contentType ?? '(none)'} is not accepted: send application/json`,
    );
  }

  tooLarge(limit: number): PayloadTooLargeException {
    return new PayloadTooLargeException(`body is larger than ${limit} bytes`);
  }

  /** A body already within its limit, parsed; what is no JSON is for the intake to refuse. */
  parse(body: string): ParsedBody {
    const parsed = parseJson(body);
    return parsed.ok ? parsed : { ok: false, message: parsed.message, text: body };
  }
}
