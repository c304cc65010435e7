import {
  BadRequestException,
  Injectable,
  type OnModuleInit,
  PayloadTooLargeException,
  UnsupportedMediaTypeException,
} from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { HttpAdapterHost } from '@nestjs/core';
import { parseJson } from '@tradeflow/trade';
import type { FastifyInstance } from 'fastify';
import type { IngestEnvironment } from '../app/ingest.environment';
import { RejectionsPublisher } from '../rejections/rejections.publisher';

/** application/json and the +json types, with or without parameters such as charset. */
const JSON_TYPE = /^application\/(?:[\w.-]+\+)?json(?:\s*;|$)/i;

/**
 * The only body ingest reads: JSON (415 for any other type), within a per-route size limit
 * (413), parsed with a message that says what is wrong (400). Fastify's routes get it as their
 * content-type parser; the single-trade route, which reads its body itself, calls it directly.
 */
@Injectable()
export class JsonBodyParser implements OnModuleInit {
  readonly singleLimit: number;
  readonly batchLimit: number;

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly rejections: RejectionsPublisher,
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
        try {
          done(null, this.parse(body));
        } catch (error) {
          done(error as Error);
        }
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

  /**
   * A body already within its limit, parsed; a malformed one is refused, and kept in REJECTED
   * like an invalid trade.
   */
  parse(body: string): unknown {
    const parsed = parseJson(body);
    if (parsed.ok) return parsed.value;
    this.rejections.noteHttp(body, [{ field: '', message: parsed.message }]);
    throw new BadRequestException(parsed.message);
  }
}
