import { Module } from '@nestjs/common';
import { RejectionsModule } from '../rejections/rejections.module';
import { TransactionsModule } from '../transactions/transactions.module';
import { SubmissionsConsumer } from './submissions.consumer';

@Module({
  imports: [TransactionsModule, RejectionsModule],
  providers: [SubmissionsConsumer],
})
export class SubmissionsModule {}
