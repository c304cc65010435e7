import { type ArgumentsHost, Catch, type ExceptionFilter, Logger } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { RequestAborted } from './request-body';

/**
 * A client that left mid-body on one of Nest's routes, as on POST /transactions: one brief line at
 * debug level (it is no fault of ingest's, and anyone could fill the error log with it), no answer.
 */
@Catch(RequestAborted)
export class RequestAbortedFilter implements ExceptionFilter {
  private readonly logger = new Logger(RequestAbortedFilter.name);

  catch(error: RequestAborted, host: ArgumentsHost): void {
    const { method, url } = host.switchToHttp().getRequest<FastifyRequest>();
    this.logger.debug(`${method} ${url}: ${error.message}`);
  }
}
