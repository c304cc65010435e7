import { Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply } from 'fastify';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { StatsEnvironment } from './stats.environment';

/**
 * GET / and the dashboard's assets, from its build. The assets' names carry their content hash,
 * so browsers may keep them for good; index.html is revalidated, so a new build shows at once.
 */
export function serveDashboard(app: NestFastifyApplication): void {
  const root = app.get<ConfigService<StatsEnvironment, true>>(ConfigService).get('DASHBOARD_DIR', { infer: true });
  if (!existsSync(join(root, 'index.html'))) {
    new Logger('Dashboard').warn(`no dashboard build in ${root}: run \`npx nx build dashboard\` (npm start does)`);
  }
  app.useStaticAssets({
    root,
    prefix: '/',
    maxAge: '365d',
    immutable: true,
    // @fastify/static passes its reply here; Nest's typing says a raw response.
    setHeaders: (reply, path) => {
      if (path.endsWith('.html')) (reply as unknown as FastifyReply).header('cache-control', 'no-cache');
    },
  });
}
