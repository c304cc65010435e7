import { Module } from '@nestjs/common';
import { FastifyRequestMetrics } from './fastify-request-metrics';
import { IngestMetrics } from './ingest-metrics';

/** ingest's metrics (IngestMetrics), in the registry of MetricsModule, and the count of Fastify's requests. */
@Module({
  providers: [IngestMetrics, FastifyRequestMetrics],
  exports: [IngestMetrics],
})
export class IngestMetricsModule {}
