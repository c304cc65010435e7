import { Module } from '@nestjs/common';
import { TransactionsModule } from '../transactions/transactions.module';
import { SubmissionsConsumer } from './submissions.consumer';

@Module({
  imports: [TransactionsModule],
  providers: [SubmissionsConsumer],
})
export class SubmissionsModule {}
