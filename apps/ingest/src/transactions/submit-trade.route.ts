import { HttpStatus, Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { validateTrade } from '@tradeflow/trade';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { RejectionsPublisher } from '../rejections/rejections.publisher';
import { tradeIds } from './idempotency-key';
import { invalidRequest } from './invalid-request';
import { TransactionsPublisher } from './transactions.publisher';

/**
 * `POST /transactions`, one trade: 202 with its id once JetStream has it. The hot route, so it is
 * a Fastify route of its own rather than a controller method: Nest's per-request pipeline (router
 * proxy, execution context, param extraction) cost as much as validating the trade. Body parsing
 * (JsonBodyParser) and error answers (Nest's exception filters, which Nest installs as Fastify's
 * error handler) are the very ones the batch route has.
 */
@Injectable()
export class SubmitTradeRoute implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly publisher: TransactionsPublisher,
    private readonly rejections: RejectionsPublisher,
  ) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    fastify.post('/transactions', (request, reply) => this.submit(request, reply));
  }

  private async submit(request: FastifyRequest, reply: FastifyReply): Promise<{ id: string }> {
    // Node joins a repeated header into one string; only set-cookie is ever an array.
    const ids = tradeIds(request.headers['idempotency-key'] as string | undefined);
    const validation = validateTrade(request.body);
    if (!validation.ok) {
      this.rejections.noteHttp(request.body, validation.errors);
      throw invalidRequest('invalid trade', validation.errors);
    }
    const trade = await this.publisher.publish(validation.trade, ids(), new Date());
    reply.code(HttpStatus.ACCEPTED);
    return { id: trade.id };
  }
}
