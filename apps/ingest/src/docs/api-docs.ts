import { ConfigService } from '@nestjs/config';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import type { onSendHookHandler } from 'fastify';
import type { IngestEnvironment } from '../app/ingest.environment';
import { apiDocument } from './api-document';

const DOCS_PATH = '/docs';

/**
 * What Swagger UI's page needs beyond the policy of every response: its template's and its
 * bundle's inline styles, and its icons as data: images. No script beyond the app's own files.
 */
const DOCS_ALLOWANCES: Readonly<Record<string, string[]>> = { 'style-src': ["'unsafe-inline'"], 'img-src': ['data:'] };

/** A Content-Security-Policy with the page's allowances added to its directives. */
function docsPolicy(policy: string): string {
  return policy
    .split(';')
    .map((directive) => {
      const [name, ...sources] = directive.trim().split(/\s+/);
      return [name, ...sources, ...(DOCS_ALLOWANCES[name] ?? [])].join(' ');
    })
    .join(';');
}

const isDocs = (url: string) => url === DOCS_PATH || url.startsWith(`${DOCS_PATH}/`);

/** Gives a /docs answer the page's policy, in place of the one helmet set on every answer. */
const loosenPolicy: onSendHookHandler = (_request, reply, payload, done) => {
  const policy = reply.raw.getHeader('content-security-policy');
  if (typeof policy === 'string') reply.raw.setHeader('content-security-policy', docsPolicy(policy));
  done(null, payload);
};

/**
 * GET /docs, Swagger UI from swagger-ui-dist's own files (nothing from another origin), and
 * GET /docs-json, the OpenAPI document, built at its first request. Only the routes of /docs take
 * the looser policy, added to each as it is declared; every other answer keeps the app's.
 */
export function serveApiDocs(app: NestFastifyApplication): void {
  const config = app.get<ConfigService<IngestEnvironment, true>>(ConfigService);
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onRoute', (route) => {
      if (!isDocs(route.url)) return;
      const own = route.onSend === undefined ? [] : Array.isArray(route.onSend) ? route.onSend : [route.onSend];
      route.onSend = [...own, loosenPolicy];
    });
  SwaggerModule.setup(DOCS_PATH, app, () => apiDocument(config), {
    raw: ['json'],
    customSiteTitle: 'tradeflow ingest API',
    // Swagger UI would otherwise send the document to validator.swagger.io for a badge.
    swaggerOptions: { validatorUrl: null },
  });
}
