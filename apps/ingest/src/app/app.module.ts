import { Module } from '@nestjs/common';
import { MetricsModule } from '@tradeflow/metrics';
import { NatsModule } from '@tradeflow/nats';
import { PlatformModule } from '@tradeflow/platform';
import { RateLimitModule } from '../rate-limit/rate-limit.module';
import { SubmissionsModule } from '../submissions/submissions.module';
import { TransactionsModule } from '../transactions/transactions.module';
import { IngestEnvironment } from './ingest.environment';
import { ingestResources } from './ingest.resources';

@Module({
  imports: [
    PlatformModule.forApp('ingest', IngestEnvironment),
    MetricsModule.forApp('ingest'),
    NatsModule.forRoot<IngestEnvironment>({ name: 'ingest', owns: ingestResources }),
    TransactionsModule,
    SubmissionsModule,
    RateLimitModule.whenOn(),
  ],
})
export class AppModule {}
