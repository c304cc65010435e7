import { Module } from '@nestjs/common';
import { FoldSupervisor } from './fold.supervisor';

@Module({
  providers: [FoldSupervisor],
})
export class FoldModule {}
