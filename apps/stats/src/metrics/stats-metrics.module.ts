import { Module } from '@nestjs/common';
import { StatsMetrics } from './stats.metrics';

/** stats's metrics in the app's registry (MetricsModule). */
@Module({
  providers: [StatsMetrics],
  exports: [StatsMetrics],
})
export class StatsMetricsModule {}
