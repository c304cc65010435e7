import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { serveDashboard } from './dashboard-assets';
import { useWebSockets } from './web-sockets';

/** What stats adds to the HTTP app: the WebSocket /ws and the dashboard at /. */
export function configureStats(app: NestFastifyApplication): void {
  useWebSockets(app);
  serveDashboard(app);
}
