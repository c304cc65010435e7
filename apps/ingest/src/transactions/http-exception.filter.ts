import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { HttpAnswers } from './http-answers';

/** Nest's routes answer an HTTP exception (the body parser's 413 or 415) as POST /transactions does. */
@Catch(HttpException)
export class HttpExceptionFilter implements ExceptionFilter {
  constructor(private readonly answers: HttpAnswers) {}

  catch(error: HttpException, host: ArgumentsHost): void {
    const { status, body, headers } = this.answers.ofError(error);
    host
      .switchToHttp()
      .getResponse<FastifyReply>()
      .status(status)
      .headers(headers ?? {})
      .send(body);
  }
}
