import { Module } from '@nestjs/common';
import { FlagsService } from './flags.service';
import { FoldStatusService } from './fold-status.service';
import { StatsViewService } from './stats-view.service';

@Module({
  providers: [StatsViewService, FoldStatusService, FlagsService],
  exports: [StatsViewService, FoldStatusService, FlagsService],
})
export class ViewModule {}
