import { Body, Controller, Headers, HttpStatus, PayloadTooLargeException, Post, Res } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { type FieldError, validateTrade } from '@tradeflow/trade';
import type { FastifyReply } from 'fastify';
import type { IngestEnvironment } from '../app/ingest.environment';
import { RejectionsPublisher } from '../rejections/rejections.publisher';
import { BrokerUnavailableError } from './broker-unavailable.error';
import { tradeIds } from './idempotency-key';
import { invalidRequest } from './invalid-request';
import { TransactionsPublisher } from './transactions.publisher';

interface BatchResult {
  accepted: { index: number; id: string }[];
  rejected: { index: number; errors: FieldError[] }[];
  failed: { index: number; reason: string }[];
}

@Controller('transactions')
export class TransactionsController {
  private readonly batchMaxItems: number;

  constructor(
    private readonly publisher: TransactionsPublisher,
    private readonly rejections: RejectionsPublisher,
    config: ConfigService<IngestEnvironment, true>,
  ) {
    this.batchMaxItems = config.get('BATCH_MAX_ITEMS', { infer: true });
  }

  /**
   * Many trades: the valid ones are stored, the others listed with their errors. 202 when any
   * was stored, 400 when none was valid, 503 when JetStream failed some (they are listed).
   */
  @Post('batch')
  async submitBatch(
    @Body() body: unknown,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Headers('idempotency-key') key?: string,
  ): Promise<BatchResult> {
    const ids = tradeIds(key);
    if (!Array.isArray(body) || body.length === 0) {
      throw invalidRequest('invalid batch', [{ field: '', message: 'a batch must be a non-empty JSON array of trades' }]);
    }
    if (body.length > this.batchMaxItems) {
      throw new PayloadTooLargeException(`a batch holds at most ${this.batchMaxItems} trades, not ${body.length}`);
    }
    const result: BatchResult = { accepted: [], rejected: [], failed: [] };
    const receivedAt = new Date();
    const publishes = body.map(async (item, index) => {
      const validation = validateTrade(item);
      if (!validation.ok) {
        this.rejections.noteHttp(item, validation.errors);
        return result.rejected.push({ index, errors: validation.errors });
      }
      try {
        const trade = await this.publisher.publish(validation.trade, ids(index), receivedAt);
        result.accepted.push({ index, id: trade.id });
      } catch (error) {
        result.failed.push({ index, reason: (error as Error).message });
      }
    });
    await Promise.all(publishes);
    for (const list of Object.values(result) as { index: number }[][]) {
      list.sort((a, b) => a.index - b.index);
    }
    if (result.failed.length) {
      throw new BrokerUnavailableError(`${result.failed.length} of ${body.length} trades`, result);
    }
    reply.status(result.accepted.length ? HttpStatus.ACCEPTED : HttpStatus.BAD_REQUEST);
    return result;
  }
}
