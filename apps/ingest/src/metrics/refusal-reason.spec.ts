import { TRADE_FIELDS } from '@tradeflow/contract';
import { INVALID_KEY, tradeConflict } from '../idempotency/idempotency-key';
import { refused, refusedBody } from '../intake/intake-outcome';
import { bodyRefusalReason, fieldReason, refusalReason } from './refusal-reason';

const invalidField = (field: string) => refused('invalid', 'invalid trade', [{ field, message: `${field} is wrong` }]);

describe('refusalReason', () => {
  test.each(TRADE_FIELDS)('an invalid trade by its first refused field: %s', (field) => {
    const outcome = refused('invalid', 'invalid trade', [
      { field, message: 'first' },
      { field: 'rate', message: 'second' },
    ]);
    expect(refusalReason(outcome)).toBe(field);
  });

  test.each([
    ['a field no trade has, which the body chose', invalidField('__proto__')],
    ['a body that is no object', invalidField('')],
    ['a malformed Idempotency-Key', INVALID_KEY],
    ['no error at all', refused('invalid', 'invalid trade', [])],
  ])('any other invalid submission is "other": %s', (_, outcome) => {
    expect(refusalReason(outcome)).toBe('other');
  });

  test.each([
    [refusedBody('malformed', 'body is not valid JSON'), 'malformed'],
    [refusedBody('too-large', 'a batch holds at most 2 trades, not 3'), 'too-large'],
    [refusedBody('invalid-batch', 'a batch must be a non-empty JSON array of trades'), 'invalid-batch'],
    [tradeConflict('order-1'), 'idempotency-conflict'],
  ])('a refusal of the whole body by its kind: %j', (outcome, reason) => {
    expect(refusalReason(outcome)).toBe(reason);
  });

  test.each(['unauthenticated', 'forbidden', 'rate-limited'] as const)(
    'a policy’s refusal by its reason: %s',
    (reason) => {
      expect(refusalReason({ kind: 'not-admitted', refusal: { reason, message: 'no' } })).toBe(reason);
    },
  );
});

test('a batch item by its first refused field, when it is a trade’s', () => {
  expect(fieldReason([{ field: 'amountBuy', message: 'too small' }])).toBe('amountBuy');
  expect(fieldReason([{ field: 'x'.repeat(100), message: 'unknown field' }])).toBe('other');
});

test('a body refused before the intake by its status', () => {
  expect(bodyRefusalReason(413)).toBe('too-large');
  expect(bodyRefusalReason(415)).toBe('unsupported-media-type');
  expect(bodyRefusalReason(400)).toBe('other');
});
