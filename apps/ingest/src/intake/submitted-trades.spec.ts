import { EXAMPLE_TRADE } from '@tradeflow/contract';
import { submittedTrades } from './submitted-trades';

const parsed = (value: unknown) => ({ ok: true as const, value });

describe('submittedTrades', () => {
  it('reads one trade and its user', () => {
    expect(submittedTrades(parsed(EXAMPLE_TRADE))).toEqual({ count: 1, userIds: [EXAMPLE_TRADE.userId] });
  });

  it("counts every item of a batch, and names each well-formed userId once per trade, before the trades' validation", () => {
    const batch = [
      { ...EXAMPLE_TRADE, userId: 'alice' },
      { ...EXAMPLE_TRADE, userId: 'alice', rate: -1 },
      { userId: 'bob' },
      { ...EXAMPLE_TRADE, userId: 'x'.repeat(65) },
      { ...EXAMPLE_TRADE, userId: 'not a user' },
      { ...EXAMPLE_TRADE, userId: 42 },
      null,
      'alice',
      ['alice'],
    ];
    expect(submittedTrades(parsed(batch))).toEqual({ count: 9, userIds: ['alice', 'alice', 'bob'] });
  });

  it('counts a body that is no JSON, or not read, as one submission of no user', () => {
    expect(submittedTrades({ ok: false })).toEqual({ count: 1, userIds: [] });
    expect(submittedTrades(parsed('a string'))).toEqual({ count: 1, userIds: [] });
    expect(submittedTrades(parsed([]))).toEqual({ count: 0, userIds: [] });
  });
});
