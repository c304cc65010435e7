import type { ConfigService } from '@nestjs/config';
import type { OpenAPIObject } from '@nestjs/swagger';
import { EXAMPLE_TRADE } from '@tradeflow/contract';
import { type JsonSchema, tradeJsonSchema, validateTrade } from '@tradeflow/trade';
import type { IngestEnvironment } from '../app/ingest.environment';
import { KEY_FORMAT } from '../idempotency/idempotency-key';

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const response = (name: string) => ({ $ref: `#/components/responses/${name}` });
const retryAfter = { 'Retry-After': { $ref: '#/components/headers/RetryAfter' } };
const json = (schema: JsonSchema, example?: unknown) => ({
  'application/json': example === undefined ? { schema } : { schema, example },
});
const list = (items: string) => ({ type: 'array', items: ref(items) });
const object = (properties: Record<string, JsonSchema>, required = Object.keys(properties)) => ({
  type: 'object',
  required,
  properties,
});

/** A trade the example's way, and the errors validation gives it: the answers' examples are real. */
const INVALID_TRADE = { ...EXAMPLE_TRADE, rate: 0, originatingCountry: 'ZZ' };
const invalidTrade = validateTrade(INVALID_TRADE);
const INVALID_TRADE_ERRORS = invalidTrade.ok ? [] : invalidTrade.errors;
const EXAMPLE_ID = '0b5f8e3a-2c1d-4e6f-9a7b-3c2d1e0f4a5b';

/** An item of a batch's answer, by the outcome of its trade; `index` is its place in the batch. */
const BATCH_LISTS = { accepted: list('AcceptedItem'), rejected: list('RejectedItem'), failed: list('FailedItem') };

const SCHEMAS = {
  FieldError: object({
    field: { type: 'string', description: "The field refused, '' for the body as a whole." },
    message: { type: 'string', description: 'Why, in the words of the rule it breaks.' },
  }),
  Error: object(
    {
      statusCode: { type: 'integer' },
      error: { type: 'string', description: "The status's name, such as Bad Request." },
      message: { type: 'string' },
      errors: {
        ...list('FieldError'),
        description: 'Each field refused and why, for a trade or header that breaks a rule.',
      },
    },
    ['statusCode', 'error', 'message'],
  ),
  Accepted: object({ id: { type: 'string', format: 'uuid', description: "The trade's id in TRANSACTIONS." } }),
  AcceptedItem: object({ index: { type: 'integer', minimum: 0 }, id: { type: 'string', format: 'uuid' } }),
  RejectedItem: object({ index: { type: 'integer', minimum: 0 }, errors: list('FieldError') }),
  FailedItem: object({
    index: { type: 'integer', minimum: 0 },
    reason: { type: 'string', description: 'Why JetStream did not store it: send it again.' },
  }),
  BatchItems: object(BATCH_LISTS),
};

/** The settings the answers depend on, as this instance has them. */
function limits(config: ConfigService<IngestEnvironment, true>) {
  const get = <K extends keyof IngestEnvironment>(key: K) => config.get(key, { infer: true }) as IngestEnvironment[K];
  return {
    bodyBytes: get('BODY_LIMIT_BYTES'),
    batchBodyBytes: get('BATCH_BODY_LIMIT_BYTES'),
    batchItems: get('BATCH_MAX_ITEMS'),
    keySeconds: get('IDEMPOTENCY_TTL_SECONDS'),
    rateLimit: get('RATE_LIMIT'),
  };
}

type Limits = ReturnType<typeof limits>;

/** The answers both routes give alike. */
function sharedResponses({ keySeconds, rateLimit }: Limits) {
  return {
    Conflict: {
      description: `The Idempotency-Key was used within ${keySeconds} s for a different trade (or batch): nothing is stored.`,
      content: json(ref('Error')),
    },
    UnsupportedMediaType: {
      description: 'A body that is no application/json (or +json) in UTF-8.',
      content: json(ref('Error')),
    },
    TooManyRequests: {
      description:
        `Over a rate limit, per userId or per client address (RATE_LIMIT is ${rateLimit} here): nothing is ` +
        'stored. Retry-After says when to send it again; without it, the request can never fit: send fewer trades.',
      headers: retryAfter,
      content: json(ref('Error')),
    },
  };
}

const submitTrade = ({ bodyBytes }: Limits) => ({
  tags: ['transactions'],
  operationId: 'submitTrade',
  summary: 'Submit a trade',
  description: 'Validated, then stored in TRANSACTIONS; answered once JetStream has acknowledged it.',
  parameters: [{ $ref: '#/components/parameters/IdempotencyKey' }],
  requestBody: { required: true, content: json(ref('Trade'), EXAMPLE_TRADE) },
  responses: {
    202: { description: 'Stored, under this id.', content: json(ref('Accepted'), { id: EXAMPLE_ID }) },
    400: {
      description:
        'No JSON; a trade that breaks a rule (`errors` names each field and why); a malformed Idempotency-Key.',
      content: json(ref('Error'), {
        statusCode: 400,
        error: 'Bad Request',
        message: 'invalid trade',
        errors: INVALID_TRADE_ERRORS,
      }),
    },
    409: response('Conflict'),
    413: { description: `A body of more than ${bodyBytes} bytes.`, content: json(ref('Error')) },
    415: response('UnsupportedMediaType'),
    429: response('TooManyRequests'),
    503: {
      description: 'JetStream did not acknowledge the trade: it is not stored; send it again after Retry-After.',
      headers: retryAfter,
      content: json(ref('Error')),
    },
  },
});

const submitBatch = ({ batchBodyBytes, batchItems }: Limits) => ({
  tags: ['transactions'],
  operationId: 'submitBatch',
  summary: 'Submit trades',
  description:
    'Each trade validated and stored on its own: the valid ones are stored, the others listed with their errors.',
  parameters: [{ $ref: '#/components/parameters/IdempotencyKey' }],
  requestBody: {
    required: true,
    content: json({ type: 'array', items: ref('Trade'), minItems: 1, maxItems: batchItems }, [
      EXAMPLE_TRADE,
      INVALID_TRADE,
    ]),
  },
  responses: {
    202: {
      description: 'At least one trade stored; `failed` is empty.',
      content: json(ref('BatchItems'), {
        accepted: [{ index: 0, id: EXAMPLE_ID }],
        rejected: [{ index: 1, errors: INVALID_TRADE_ERRORS }],
        failed: [],
      }),
    },
    400: {
      description:
        'No trade valid (the lists, `accepted` empty); or no JSON, no non-empty array, a malformed Idempotency-Key.',
      content: json({ oneOf: [ref('BatchItems'), ref('Error')] }),
    },
    409: response('Conflict'),
    413: {
      description: `A body of more than ${batchBodyBytes} bytes, or more than ${batchItems} trades.`,
      content: json(ref('Error')),
    },
    415: response('UnsupportedMediaType'),
    429: response('TooManyRequests'),
    503: {
      description:
        'JetStream did not acknowledge some trades: the lists say which were stored, and `failed` which to send ' +
        'again after Retry-After (the same batch with the same Idempotency-Key stores each trade once).',
      headers: retryAfter,
      content: json({ allOf: [ref('Error'), { type: 'object', properties: BATCH_LISTS }] }),
    },
  },
});

/**
 * ingest's OpenAPI 3.1 document, with this instance's limits. Written out rather than scanned from
 * Nest's controllers: POST /transactions is served ahead of Nest (SubmitTradeRoute), where no
 * scanner sees it, and a controller method only for the scanner would be code that never runs.
 * Both routes are described the same way, from the same parts: the trade's schema is
 * tradeJsonSchema, built from the validation itself, and the examples are validation's answers.
 */
export function apiDocument(config: ConfigService<IngestEnvironment, true>): OpenAPIObject {
  const settings = limits(config);
  const { $schema: _dialect, ...trade } = tradeJsonSchema();
  return {
    openapi: '3.1.0',
    info: {
      title: 'tradeflow ingest',
      version: '1',
      description: 'Submit trades over HTTP. The same trades may also be published on the NATS subject tx.submit.',
    },
    paths: {
      '/transactions': { post: submitTrade(settings) },
      '/transactions/batch': { post: submitBatch(settings) },
    },
    components: {
      schemas: { Trade: trade, ...SCHEMAS },
      parameters: {
        IdempotencyKey: {
          name: 'Idempotency-Key',
          in: 'header',
          required: false,
          schema: { type: 'string', pattern: KEY_FORMAT.source },
          description:
            `Makes a retry safe: sent again within ${settings.keySeconds} s with the same trade (or batch), it is ` +
            'stored once and answered with the same id; with another, 409. The keys of single trades and of ' +
            'batches are apart.',
        },
      },
      headers: {
        RetryAfter: {
          description: 'Seconds to wait before sending the same request again.',
          schema: { type: 'integer', minimum: 1 },
        },
      },
      responses: sharedResponses(settings),
    },
    // Nest's types describe OpenAPI 3.0, whose schemas are not JSON Schema's (exclusiveMinimum, if).
  } as OpenAPIObject;
}
