import { Module } from '@nestjs/common';
import { ProcessMetricsModule } from '../metrics/process-metrics.module';
import { FoldSupervisor } from './fold.supervisor';

@Module({
  imports: [ProcessMetricsModule],
  providers: [FoldSupervisor],
})
export class FoldModule {}
