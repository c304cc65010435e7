import { STATUS_CODES } from 'node:http';
import { HttpException, HttpStatus, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { IngestEnvironment } from '../app/ingest.environment';
import { notStored } from '../intake/broker-unavailable.error';
import type { BatchItems, IntakeOutcome, PolicyRefusal, Refused } from '../intake/intake-outcome';
import { IngestMetrics } from '../metrics/ingest-metrics';

export interface HttpAnswer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

const POLICY_STATUS: Record<PolicyRefusal['reason'], number> = {
  unauthenticated: HttpStatus.UNAUTHORIZED,
  forbidden: HttpStatus.FORBIDDEN,
  'rate-limited': HttpStatus.TOO_MANY_REQUESTS,
};

/** ingest's error body: the status, its name and why, with any details after. */
const errorBody = (status: number, message: string, details?: object) => ({
  statusCode: status,
  error: STATUS_CODES[status],
  message,
  ...details,
});

/** The body of Nest's built-in HTTP exceptions, such as the body parser's 413 and 415. */
const nestErrorBody = (status: number, message: string) => ({
  message,
  error: STATUS_CODES[status],
  statusCode: status,
});

/**
 * The one translation of intake outcomes and request errors into HTTP answers, used by both
 * routes (POST /transactions ahead of Nest, the batch route and the exception filter within), so
 * that a failure answers the same on either. Each outcome's trades are counted here, once.
 */
@Injectable()
export class HttpAnswers {
  private readonly retryLater: Record<string, string>;

  constructor(
    config: ConfigService<IngestEnvironment, true>,
    private readonly metrics: IngestMetrics,
  ) {
    this.retryLater = { 'retry-after': String(config.get('RETRY_AFTER_SECONDS', { infer: true })) };
  }

  of(outcome: IntakeOutcome): HttpAnswer {
    this.metrics.tradesSettled('http', outcome);
    switch (outcome.kind) {
      case 'accepted':
        return { status: HttpStatus.ACCEPTED, body: { id: outcome.id } };
      case 'batch':
        return this.ofBatch(outcome.items);
      case 'refused':
        return ofRefusal(outcome);
      case 'not-admitted':
        return ofPolicyRefusal(outcome.refusal);
      case 'unavailable':
        return this.unavailable(outcome.message);
    }
  }

  /** An error before the intake (the body's type or size), or a fault: answered as Nest answers it. */
  ofError(error: unknown): HttpAnswer {
    if (!(error instanceof HttpException)) {
      return { status: HttpStatus.INTERNAL_SERVER_ERROR, body: { statusCode: 500, message: 'Internal server error' } };
    }
    const status = error.getStatus();
    const response = error.getResponse();
    return { status, body: typeof response === 'object' ? response : { statusCode: status, message: response } };
  }

  /** 202 when any trade was stored, 400 when none was valid, 503 when JetStream failed some. */
  private ofBatch(items: BatchItems): HttpAnswer {
    const { accepted, rejected, failed } = items;
    if (failed.length) {
      const total = accepted.length + rejected.length + failed.length;
      return this.unavailable(notStored(`${failed.length} of ${total} trades`), items);
    }
    return { status: accepted.length ? HttpStatus.ACCEPTED : HttpStatus.BAD_REQUEST, body: items };
  }

  /** Nothing (or, for a batch, not everything) was stored: the same request may simply be sent again. */
  private unavailable(message: string, items?: BatchItems): HttpAnswer {
    const status = HttpStatus.SERVICE_UNAVAILABLE;
    return { status, body: errorBody(status, message, items), headers: this.retryLater };
  }
}

function ofRefusal({ problem, message, errors }: Refused): HttpAnswer {
  switch (problem) {
    case 'invalid':
    case 'invalid-batch':
      return { status: HttpStatus.BAD_REQUEST, body: errorBody(HttpStatus.BAD_REQUEST, message, { errors }) };
    case 'malformed':
      return { status: HttpStatus.BAD_REQUEST, body: nestErrorBody(HttpStatus.BAD_REQUEST, message) };
    case 'too-large':
      return { status: HttpStatus.PAYLOAD_TOO_LARGE, body: nestErrorBody(HttpStatus.PAYLOAD_TOO_LARGE, message) };
    case 'conflict':
      return { status: HttpStatus.CONFLICT, body: errorBody(HttpStatus.CONFLICT, message) };
  }
}

function ofPolicyRefusal({ reason, message, retryAfterSeconds }: PolicyRefusal): HttpAnswer {
  const status = POLICY_STATUS[reason];
  const headers = retryAfterSeconds === undefined ? undefined : { 'retry-after': String(retryAfterSeconds) };
  return { status, body: errorBody(status, message), headers };
}
