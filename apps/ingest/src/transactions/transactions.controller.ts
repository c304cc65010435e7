import { Body, Controller, Headers, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ParsedBody } from '../intake/intake-input';
import { IntakeService } from '../intake/intake.service';
import { HttpAnswers } from './http-answers';
import { describeHttpIntake } from './http-intake-context';

const describeBatch = describeHttpIntake('POST /transactions/batch');

@Controller('transactions')
export class TransactionsController {
  constructor(
    private readonly intake: IntakeService,
    private readonly answers: HttpAnswers,
  ) {}

  /**
   * Many trades: the valid ones are stored, the others listed with their errors. 202 when any
   * was stored, 400 when none was valid, 503 when JetStream failed some (they are listed).
   */
  @Post('batch')
  async submitBatch(
    @Body() body: ParsedBody,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Headers('idempotency-key') key?: string,
  ): Promise<unknown> {
    const outcome = await this.intake.submitBatch(body, key, request.raw, describeBatch);
    const answer = this.answers.of(outcome);
    reply.status(answer.status).headers(answer.headers ?? {});
    return answer.body;
  }
}
