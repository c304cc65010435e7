import { Module } from '@nestjs/common';
import { ProcessMetricsModule } from '../metrics/process-metrics.module';
import { detectorSettingsProvider } from './detector-settings';
import { FoldSupervisor } from './fold.supervisor';

@Module({
  imports: [ProcessMetricsModule],
  providers: [FoldSupervisor, detectorSettingsProvider],
})
export class FoldModule {}
