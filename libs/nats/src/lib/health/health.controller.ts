import { Controller, Get } from '@nestjs/common';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { NatsClient } from '../nats.client';
import { HealthChecks } from './health-checks';

/**
 * GET /health: 200 when connected with every stream, consumer and bucket in place (`jetstream`)
 * and every check the app added (HealthChecks) is up, else 503 naming what is down.
 */
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicator: HealthIndicatorService,
    private readonly nats: NatsClient,
    private readonly checks: HealthChecks,
  ) {}

  @Get()
  @HealthCheck()
  check() {
    return this.health.check([
      async () => {
        const jetstream = this.indicator.check('jetstream');
        const reason = await this.nats.unreadyReason();
        return reason ? jetstream.down({ reason }) : jetstream.up();
      },
      ...this.checks.list().map(([name, check]) => async () => {
        const { up, details } = await check();
        const session = this.indicator.check(name);
        return up ? session.up(details) : session.down(details);
      }),
    ]);
  }
}
