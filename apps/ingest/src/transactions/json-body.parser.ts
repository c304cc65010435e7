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
 * (413), parsed with a message that says what is wrong (400).
 */
@Injectable()
export class JsonBodyParser implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly config: ConfigService<IngestEnvironment, true>,
    private readonly rejections: RejectionsPublisher,
  ) {}

  onModuleInit(): void {
    const single = this.config.get('BODY_LIMIT_BYTES', { infer: true });
    const batch = this.config.get('BATCH_BODY_LIMIT_BYTES', { infer: true });
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    fastify.removeAllContentTypeParsers();
    fastify.addContentTypeParser(
      JSON_TYPE,
      { parseAs: 'string', bodyLimit: Math.max(single, batch) },
      (request, body: string, done) => {
        const limit = request.routeOptions.url?.endsWith('/batch') ? batch : single;
        if (Buffer.byteLength(body) > limit) {
          return done(new PayloadTooLargeException(`body is larger than ${limit} bytes`));
        }
        const parsed = parseJson(body);
        if (parsed.ok) done(null, parsed.value);
        else {
          this.rejections.noteHttp(body, [{ field: '', message: parsed.message }]);
          done(new BadRequestException(parsed.message));
        }
      },
    );
    // Any other type: say what is expected rather than Fastify's bare 415.
    fastify.addContentTypeParser('*', (request, _payload, done) =>
      done(
        new UnsupportedMediaTypeException(
          `content type ${request.headers['content-type'] ?? '(none)'} is not accepted: send application/json`,
        ),
        undefined,
      ),
    );
  }
}
