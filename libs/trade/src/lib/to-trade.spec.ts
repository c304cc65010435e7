import { EXAMPLE_TRADE, TRADE_FIELDS } from '@tradeflow/contract';
import { randomTradeId, toTrade, tradeId } from '../index';

/** Any RFC 9562 UUID: 8-4-4-4-12 lower-case hex with the RFC variant (10xx). */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
/** The same, with version nibble 8 (custom), as tradeId produces. */
const UUID_V8 = /^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('tradeId', () => {
  it('gives the same id for the same key', () => {
    expect(tradeId('order-1')).toBe(tradeId('order-1'));
  });

  it('is stable across releases (a retry after a deploy must still deduplicate)', () => {
    expect(tradeId('order-1')).toBe('0670a530-a9c3-832a-8133-69c6e2ff8c37');
    expect(tradeId('')).toBe('3f4ec771-516a-83ac-9a25-55dc68e3ef90');
  });

  test.each([
    ['order-1', 'order-2'],
    ['order-1', 'ORDER-1'],
    ['order-1', 'order-1 '],
    ['', ' '],
    ['a', 'aa'],
  ])('gives different ids for different keys %j and %j', (a, b) => {
    expect(tradeId(a)).not.toBe(tradeId(b));
  });

  it('gives distinct ids to many keys', () => {
    const ids = Array.from({ length: 1000 }, (_, i) => tradeId(`key-${i}`));
    expect(new Set(ids).size).toBe(1000);
  });

  test.each(['order-1', '', ' ', 'é-ü-中文', 'x'.repeat(10_000)])('is a version-8 UUID for key %#', (key) => {
    expect(tradeId(key)).toMatch(UUID_V8);
  });

  it('sets the version and variant bits for every key', () => {
    for (let i = 0; i < 500; i++) expect(tradeId(`k${i}`)).toMatch(UUID_V8);
  });
});

describe('randomTradeId', () => {
  it('gives a version-4 UUID', () => {
    expect(randomTradeId()).toMatch(UUID);
    expect(randomTradeId()[14]).toBe('4');
  });

  it('gives distinct ids', () => {
    const ids = Array.from({ length: 1000 }, () => randomTradeId());
    expect(new Set(ids).size).toBe(1000);
    for (const id of ids) expect(id).toMatch(UUID);
  });

  it('never collides with an id derived from a key (different versions)', () => {
    expect(randomTradeId()).not.toMatch(UUID_V8);
  });
});

describe('toTrade', () => {
  const receivedAt = new Date(Date.UTC(2018, 0, 24, 10, 27, 45, 123));

  it('keeps the eight fields and adds id, timePlacedIso and receivedAt', () => {
    expect(toTrade(EXAMPLE_TRADE, 'trade-id', receivedAt)).toEqual({
      ...EXAMPLE_TRADE,
      id: 'trade-id',
      timePlacedIso: '2018-01-24T10:27:44.000Z',
      receivedAt: '2018-01-24T10:27:45.123Z',
    });
  });

  it('has exactly the eight fields plus id, timePlacedIso and receivedAt', () => {
    const trade = toTrade(EXAMPLE_TRADE, 'trade-id', receivedAt);
    expect(Object.keys(trade).sort()).toEqual([...TRADE_FIELDS, 'id', 'timePlacedIso', 'receivedAt'].sort());
  });

  it('reads timePlaced as UTC whatever the month case', () => {
    const trade = toTrade({ ...EXAMPLE_TRADE, timePlaced: '24-jan-18 10:27:44' }, 'id', receivedAt);
    expect(trade.timePlacedIso).toBe('2018-01-24T10:27:44.000Z');
    expect(trade.timePlaced).toBe('24-jan-18 10:27:44'); // kept as submitted
  });

  it('writes receivedAt as the ISO-8601 UTC form of the given date', () => {
    const at = new Date('2030-06-01T23:59:59.999+02:00');
    expect(toTrade(EXAMPLE_TRADE, 'id', at).receivedAt).toBe('2030-06-01T21:59:59.999Z');
  });

  it('takes the id as given, such as one from tradeId', () => {
    const id = tradeId('order-1');
    expect(toTrade(EXAMPLE_TRADE, id, receivedAt).id).toBe(id);
  });

  it('leaves its input untouched', () => {
    const fields = { ...EXAMPLE_TRADE };
    toTrade(fields, 'id', receivedAt);
    expect(fields).toEqual(EXAMPLE_TRADE);
  });

  test.each(['31-FEB-18 10:27:44', '2018-01-24T10:27:44Z', ''])(
    'throws for a timePlaced that validation would refuse: %j',
    (timePlaced) => {
      expect(() => toTrade({ ...EXAMPLE_TRADE, timePlaced }, 'id', receivedAt)).toThrow(/bad timePlaced/);
    },
  );
});
