import { Module } from '@nestjs/common';
import { IntakeModule } from '../intake/intake.module';
import { IngestMetricsModule } from '../metrics/ingest-metrics.module';
import { SubmissionsConsumer } from './submissions.consumer';

@Module({
  imports: [IntakeModule, IngestMetricsModule],
  providers: [SubmissionsConsumer],
})
export class SubmissionsModule {}
