import { Module } from '@nestjs/common';
import { RejectionsPublisher } from './rejections.publisher';

@Module({
  providers: [RejectionsPublisher],
  exports: [RejectionsPublisher],
})
export class RejectionsModule {}
