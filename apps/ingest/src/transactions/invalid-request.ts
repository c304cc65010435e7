import { BadRequestException } from '@nestjs/common';
import type { FieldError } from '@tradeflow/trade';

/** 400 with a JSON body listing each offending field and why. */
export const invalidRequest = (message: string, errors: FieldError[]) =>
  new BadRequestException({ statusCode: 400, error: 'Bad Request', message, errors });
