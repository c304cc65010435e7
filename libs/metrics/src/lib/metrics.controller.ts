import { Controller, Get, Header } from '@nestjs/common';
import { Registry } from 'prom-client';

/** GET /metrics: what Prometheus scrapes. */
@Controller('metrics')
export class MetricsController {
  constructor(private readonly registry: Registry) {}

  @Get()
  @Header('Content-Type', Registry.PROMETHEUS_CONTENT_TYPE)
  @Header('Cache-Control', 'no-store')
  metrics(): Promise<string> {
    return this.registry.metrics();
  }
}
