import { Module } from '@nestjs/common';
import { StatsViewService } from './stats-view.service';

@Module({
  providers: [StatsViewService],
  exports: [StatsViewService],
})
export class ViewModule {}
