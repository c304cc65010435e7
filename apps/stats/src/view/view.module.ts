import { Module } from '@nestjs/common';
import { FoldStatusService } from './fold-status.service';
import { StatsViewService } from './stats-view.service';

@Module({
  providers: [StatsViewService, FoldStatusService],
  exports: [StatsViewService, FoldStatusService],
})
export class ViewModule {}
