import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { IdempotencyKeys } from '../idempotency/idempotency-keys';
import { TransactionsLookup } from '../idempotency/transactions-lookup';
import { RejectionsModule } from '../rejections/rejections.module';
import { IntakePolicies } from './intake-policies';
import { IntakeService } from './intake.service';
import { TransactionsPublisher } from './transactions.publisher';

@Module({
  imports: [DiscoveryModule, RejectionsModule],
  providers: [IntakeService, IntakePolicies, TransactionsPublisher, IdempotencyKeys, TransactionsLookup],
  exports: [IntakeService],
})
export class IntakeModule {}
