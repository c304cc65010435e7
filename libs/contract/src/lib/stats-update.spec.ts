import { EXAMPLE_TRADE } from './example-trade';
import { encodeStatsUpdate, readStatsUpdate, type StatsUpdate } from './stats-update';
import type { Trade } from './trade';

const tradeOf = (userId: string, fields: Partial<Trade> = {}): Trade => ({
  ...EXAMPLE_TRADE,
  id: `trade-${userId}`,
  timePlacedIso: '2018-01-24T10:27:44.000Z',
  receivedAt: '2026-11-25T10:27:44.000Z',
  userId,
  ...fields,
});

describe('encodeStatsUpdate', () => {
  const head = { partition: 2, previousSeq: 10, lastSeq: 12, partitionTotal: 40 };
  const encoder = new TextEncoder();
  const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
  /** The items as the bytes they were stored in. */
  const stored = (items: Trade[]) => items.map((item) => encoder.encode(JSON.stringify(item)));

  test('is the update that JSON.stringify would write, items taken as they were stored', () => {
    const items = [tradeOf('a'), tradeOf('b', { originatingCountry: 'DE' })];
    const json = decode(encodeStatsUpdate(head, stored(items)));
    expect(JSON.parse(json)).toEqual<StatsUpdate>({ ...head, items });
    expect(json).toBe(JSON.stringify({ ...head, items }));
  });

  test('writes an empty list of items', () => {
    expect(JSON.parse(decode(encodeStatsUpdate(head, [])))).toEqual({ ...head, items: [] });
  });

  test('is read back as the update it encodes', () => {
    const items = [tradeOf('a')];
    expect(readStatsUpdate(decode(encodeStatsUpdate(head, stored(items))))).toEqual<StatsUpdate>({ ...head, items });
  });
});

describe('readStatsUpdate', () => {
  const update = { partition: 1, previousSeq: 4, lastSeq: 9, partitionTotal: 12, items: [{ id: 'a' }] };

  test('reads an update', () => {
    expect(readStatsUpdate(JSON.stringify(update))).toEqual(update);
  });

  test.each([
    ['not JSON', '{'],
    ['null', 'null'],
    ['an array', '[]'],
    ['a partition that is not a count', JSON.stringify({ ...update, partition: -1 })],
    ['a sequence that is a string', JSON.stringify({ ...update, lastSeq: '9' })],
    ['a missing partition total', JSON.stringify({ ...update, partitionTotal: undefined })],
    ['the total of a former version instead', JSON.stringify({ ...update, partitionTotal: undefined, total: 12 })],
    ['items that are not a list', JSON.stringify({ ...update, items: {} })],
  ])('refuses %s', (_, text) => {
    expect(readStatsUpdate(text)).toBeNull();
  });
});
