import { Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { RejectionsModule } from '../rejections/rejections.module';
import { BrokerUnavailableFilter } from './broker-unavailable.filter';
import { JsonBodyParser } from './json-body.parser';
import { SubmitTradeRoute } from './submit-trade.route';
import { TransactionsController } from './transactions.controller';
import { TransactionsPublisher } from './transactions.publisher';

@Module({
  imports: [RejectionsModule],
  controllers: [TransactionsController],
  providers: [
    TransactionsPublisher,
    JsonBodyParser,
    SubmitTradeRoute,
    { provide: APP_FILTER, useClass: BrokerUnavailableFilter },
  ],
  exports: [TransactionsPublisher],
})
export class TransactionsModule {}
