import { Module } from '@nestjs/common';
import { StatsMetricsModule } from '../metrics/stats-metrics.module';
import { ViewModule } from '../view/view.module';
import { EventsBroadcaster } from './events.broadcaster';
import { EventsGateway } from './events.gateway';

@Module({
  imports: [ViewModule, StatsMetricsModule],
  providers: [EventsGateway, EventsBroadcaster],
})
export class EventsModule {}
