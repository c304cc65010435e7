import { Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { IntakeModule } from '../intake/intake.module';
import { IngestMetricsModule } from '../metrics/ingest-metrics.module';
import { HttpAnswers } from './http-answers';
import { HttpExceptionFilter } from './http-exception.filter';
import { JsonBodyParser } from './json-body.parser';
import { RequestAbortedFilter } from './request-aborted.filter';
import { SubmitTradeRoute } from './submit-trade.route';
import { TransactionsController } from './transactions.controller';

@Module({
  imports: [IntakeModule, IngestMetricsModule],
  controllers: [TransactionsController],
  providers: [
    HttpAnswers,
    JsonBodyParser,
    SubmitTradeRoute,
    { provide: APP_FILTER, useClass: HttpExceptionFilter },
    { provide: APP_FILTER, useClass: RequestAbortedFilter },
  ],
})
export class TransactionsModule {}
