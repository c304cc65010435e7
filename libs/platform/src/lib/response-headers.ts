import type { IncomingMessage, OutgoingHttpHeaders } from 'node:http';
import fastifyHelmet from '@fastify/helmet';
import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { OriginList } from './origin-list';
import type { RuntimeEnvironment } from './runtime.environment';
import { SECURITY_HEADER_OPTIONS, SECURITY_HEADERS } from './security-headers';

/** What a page of a listed origin may do: read the JSON APIs and post trades, keyed or not. */
const CORS = {
  methods: ['GET', 'HEAD', 'POST'],
  allowedHeaders: ['Content-Type', 'Idempotency-Key'],
  exposedHeaders: ['Retry-After'],
};

/** An answer that depends on the request's Origin says so to caches. */
const SECURITY_HEADERS_VARYING = Object.freeze({ ...SECURITY_HEADERS, vary: 'Origin' });

/**
 * The headers every response carries besides its own: the security headers, and CORS's for the
 * origins of CORS_ORIGINS (none by default: then no Access-Control-* header at all). Fastify's
 * routes get them from @fastify/helmet and @fastify/cors; a response written without Fastify
 * takes them from forRawResponse.
 */
@Injectable()
export class ResponseHeaders {
  private readonly corsOrigins: OriginList;

  constructor(config: ConfigService<RuntimeEnvironment, true>) {
    this.corsOrigins = OriginList.parse(config.get('CORS_ORIGINS', { infer: true }));
  }

  async applyTo(app: NestFastifyApplication): Promise<void> {
    await app.register(fastifyHelmet, SECURITY_HEADER_OPTIONS);
    if (this.corsOrigins.isEmpty) return;
    app.enableCors({ ...CORS, origin: (origin, answer) => answer(null, this.corsOrigins.allows(origin)) });
  }

  forRawResponse(request: IncomingMessage): Readonly<OutgoingHttpHeaders> {
    if (this.corsOrigins.isEmpty) return SECURITY_HEADERS;
    const { origin } = request.headers;
    if (!this.corsOrigins.allows(origin)) return SECURITY_HEADERS_VARYING;
    return {
      ...SECURITY_HEADERS_VARYING,
      'access-control-allow-origin': origin,
      'access-control-expose-headers': CORS.exposedHeaders.join(', '),
    };
  }
}
