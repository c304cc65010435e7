import { type ArgumentsHost, Catch, type ExceptionFilter } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { FastifyReply } from 'fastify';
import type { IngestEnvironment } from '../app/ingest.environment';
import { BrokerUnavailableError } from './broker-unavailable.error';

/** 503 with Retry-After: nothing was stored, the same request may simply be sent again. */
@Catch(BrokerUnavailableError)
export class BrokerUnavailableFilter implements ExceptionFilter {
  constructor(private readonly config: ConfigService<IngestEnvironment, true>) {}

  catch(error: BrokerUnavailableError, host: ArgumentsHost): void {
    host
      .switchToHttp()
      .getResponse<FastifyReply>()
      .status(503)
      .header('retry-after', String(this.config.get('RETRY_AFTER_SECONDS', { infer: true })))
      .send(error.answer());
  }
}
