import { Module } from '@nestjs/common';
import { ProcessMetrics } from './process.metrics';
import { StreamSizes } from './stream-sizes';

/** process's metrics in the app's registry (MetricsModule): the fold's, and the streams' sizes. */
@Module({
  providers: [ProcessMetrics, StreamSizes],
  exports: [ProcessMetrics],
})
export class ProcessMetricsModule {}
