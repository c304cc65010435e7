import { type DynamicModule, Module, type OnModuleDestroy } from '@nestjs/common';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { MetricsController } from './metrics.controller';

/**
 * `GET /metrics` in Prometheus's text format, for every app: Node's process metrics (CPU, memory,
 * event-loop lag, GC) and whatever the app registers in the `Registry` this module provides.
 * Each app has a registry of its own rather than prom-client's global one, so that several apps
 * (or one app created twice) in one process, as in tests, never meet a metric already registered.
 * Every series carries the label `app`.
 */
@Module({})
export class MetricsModule implements OnModuleDestroy {
  constructor(private readonly registry: Registry) {}

  static forApp(app: string): DynamicModule {
    return {
      module: MetricsModule,
      global: true,
      controllers: [MetricsController],
      providers: [{ provide: Registry, useFactory: () => appRegistry(app) }],
      exports: [Registry],
    };
  }

  onModuleDestroy(): void {
    this.registry.clear();
  }
}

function appRegistry(app: string): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ app });
  collectDefaultMetrics({ register: registry });
  return registry;
}
