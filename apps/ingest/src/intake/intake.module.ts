import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { RejectionsModule } from '../rejections/rejections.module';
import { IntakePolicies } from './intake-policies';
import { IntakeService } from './intake.service';
import { TransactionsPublisher } from './transactions.publisher';

@Module({
  imports: [DiscoveryModule, RejectionsModule],
  providers: [IntakeService, IntakePolicies, TransactionsPublisher],
  exports: [IntakeService],
})
export class IntakeModule {}
