import { Module } from '@nestjs/common';
import { MetricsModule } from '@tradeflow/metrics';
import { NatsModule } from '@tradeflow/nats';
import { PlatformModule } from '@tradeflow/platform';
import { BUCKETS } from '@tradeflow/topology';
import { EventsModule } from '../events/events.module';
import { StatsEnvironment } from './stats.environment';

@Module({
  imports: [
    PlatformModule.forApp('stats', StatsEnvironment),
    MetricsModule.forApp('stats'),
    NatsModule.forRoot<StatsEnvironment>({ name: 'stats', requires: { buckets: [BUCKETS.stats] } }),
    EventsModule,
  ],
})
export class AppModule {}
