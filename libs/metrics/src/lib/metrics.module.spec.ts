import { type DynamicModule, Injectable, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Counter, Registry } from 'prom-client';
import { MetricsModule } from '../index';

/** What an app's feature does: registers its metric in the app's registry. */
@Injectable()
class Orders {
  readonly placed: Counter;
  constructor(registry: Registry) {
    this.placed = new Counter({ name: 'orders_placed_total', help: 'Orders placed', registers: [registry] });
  }
}

@Module({ providers: [Orders], exports: [Orders] })
class OrdersModule {}

async function createApp(app: string): Promise<NestFastifyApplication> {
  const root: DynamicModule = { module: class AppModule {}, imports: [MetricsModule.forApp(app), OrdersModule] };
  const nest = await NestFactory.create<NestFastifyApplication>(root, new FastifyAdapter(), { logger: false });
  await nest.init();
  await nest.getHttpAdapter().getInstance().ready();
  return nest;
}

const scrape = (app: NestFastifyApplication) => app.getHttpAdapter().getInstance().inject({ url: '/metrics' });

describe('MetricsModule', () => {
  const apps: NestFastifyApplication[] = [];
  afterEach(async () => {
    await Promise.all(apps.splice(0).map((app) => app.close()));
  });

  it("serves Node's process metrics and the app's own, labelled with the app, in Prometheus's format", async () => {
    const app = await createApp('ingest');
    apps.push(app);
    app.get(Orders).placed.inc(3);
    const response = await scrape(app);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe(Registry.PROMETHEUS_CONTENT_TYPE);
    expect(response.body).toContain('orders_placed_total{app="ingest"} 3');
    expect(response.body).toMatch(/^nodejs_eventloop_lag_seconds\{app="ingest"\} \d/m);
    expect(response.body).toMatch(/^process_resident_memory_bytes\{app="ingest"\} \d/m);
  });

  it('keeps each app’s metrics apart when two apps run in one process', async () => {
    const [ingest, stats] = [await createApp('ingest'), await createApp('stats')];
    apps.push(ingest, stats);
    ingest.get(Orders).placed.inc();
    expect((await scrape(ingest)).body).toContain('orders_placed_total{app="ingest"} 1');
    expect((await scrape(stats)).body).toContain('orders_placed_total{app="stats"} 0');
  });
});
