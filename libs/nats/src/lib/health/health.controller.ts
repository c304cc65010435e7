import { Controller, Get } from '@nestjs/common';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { NatsClient } from '../nats.client';

/** GET /health: 200 when connected with every stream, consumer and bucket in place, else 503. */
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicator: HealthIndicatorService,
    private readonly nats: NatsClient,
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
    ]);
  }
}
