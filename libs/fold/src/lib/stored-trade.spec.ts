import { partitionOf } from '@tradeflow/topology';
import { parseTimePlaced } from '@tradeflow/trade';
import { tradeWith } from './spec-helpers';
import { checkStoredTrade, isIsoInstant, isoOfTimePlaced, sequencedMessage } from './stored-trade';

const PARTITIONS = 4;
const encoder = new TextEncoder();
const bytes = (value: unknown) => encoder.encode(typeof value === 'string' ? value : JSON.stringify(value));

/** A trade as ingest stores it, of a user on partition `partition`. */
function storedTradeOn(partition: number, fields: Record<string, unknown> = {}) {
  const userId = Array.from({ length: 100 }, (_, n) => `user-${n}`).find(
    (user) => partitionOf(user, PARTITIONS) === partition,
  );
  return { ...tradeWith({ userId }), ...fields };
}

const check = (value: unknown, partition = 1) => checkStoredTrade(bytes(value), partition, PARTITIONS);
const reasonOf = (value: unknown, partition = 1) => {
  const checked = check(value, partition);
  if (checked.ok) throw new Error('expected a reason, got a trade');
  return checked.reason;
};

describe('checkStoredTrade', () => {
  test('takes a trade in canonical form on its own partition, as stored', () => {
    const trade = storedTradeOn(1);
    expect(check(trade)).toEqual({ ok: true, trade });
    // Whatever the order of its fields.
    const reordered = Object.fromEntries(Object.entries(trade).reverse());
    expect(check(reordered)).toEqual({ ok: true, trade: reordered });
  });

  test.each([
    ['bytes that are not UTF-8', new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]), 'not UTF-8 text'],
    ['text that is not JSON', 'not json at all', /^not JSON: /],
    ['an empty message', '', /^not JSON: /],
    ['JSON that is no object', '[1,2]', 'not a JSON object'],
    ['null', 'null', 'not a JSON object'],
    ['a number', '42', 'not a JSON object'],
  ])('refuses %s', (_, data, reason) => {
    const checked = checkStoredTrade(typeof data === 'string' ? bytes(data) : data, 1, PARTITIONS);
    expect(checked.ok).toBe(false);
    expect(checked).toEqual({ ok: false, reason: expect.stringMatching(reason) });
  });

  test("refuses a trade on the subject of another partition than its user's: forged, or misrouted", () => {
    const trade = storedTradeOn(2);
    expect(reasonOf(trade, 1)).toBe(`userId ${trade.userId} belongs to partition 2, not 1`);
    expect(check(trade, 2).ok).toBe(true);
  });

  test.each([
    ['without its id', { id: undefined }, 'id is required'],
    ['with an empty id', { id: '' }, 'id must be a non-empty string'],
    ['with a numeric id', { id: 7 }, 'id must be a non-empty string'],
    ['without receivedAt', { receivedAt: undefined }, 'receivedAt is required'],
    ['with a receivedAt that is no instant', { receivedAt: 'yesterday' }, 'receivedAt must be an ISO-8601 UTC instant'],
    [
      'with a receivedAt out of the canonical form',
      { receivedAt: '2026-11-25T10:27:44Z' },
      'receivedAt must be an ISO-8601 UTC instant',
    ],
    [
      'with an impossible receivedAt',
      { receivedAt: '2026-02-30T10:27:44.000Z' },
      'receivedAt must be an ISO-8601 UTC instant',
    ],
    ['without timePlacedIso', { timePlacedIso: undefined }, 'timePlacedIso is required'],
    [
      'with a timePlacedIso that is not timePlaced',
      { timePlacedIso: '2018-01-24T10:27:45.000Z' },
      'timePlacedIso must be timePlaced as ISO-8601 UTC, 2018-01-24T10:27:44.000Z',
    ],
    ['with an invalid field', { rate: -1 }, 'rate must be greater than 0'],
    ['with an amount as a string', { amountSell: '1000' }, 'amountSell must be a finite JSON number'],
    ['without a field of the eight', { originatingCountry: undefined }, 'originatingCountry is required'],
    ['with a field of its own', { note: 'x' }, 'note is not a trade field'],
  ])('refuses a trade %s, naming why', (_, fields, message) => {
    const trade: Record<string, unknown> = storedTradeOn(1);
    for (const [field, value] of Object.entries(fields)) {
      if (value === undefined) delete trade[field];
      else trade[field] = value;
    }
    expect(reasonOf(trade)).toBe(`not a trade in canonical form: ${message}`);
  });

  test('refuses a trade with a __proto__ key by name', () => {
    const text = JSON.stringify(storedTradeOn(1)).replace(/^\{/, '{"__proto__":{"id":"x"},');
    expect(reasonOf(text)).toBe('not a trade in canonical form: __proto__ is not a trade field');
  });

  test('names every fault of a trade at once', () => {
    const { id: _id, ...trade } = storedTradeOn(1, { rate: 0, originatingCountry: 'UK' });
    expect(reasonOf(trade)).toBe(
      'not a trade in canonical form: id is required; rate must be greater than 0; ' +
        'originatingCountry must be an assigned ISO 3166-1 alpha-2 country code',
    );
  });
});

describe('sequencedMessage', () => {
  test('is the trade to count, or the message to set aside with its reason, with its sequence', () => {
    const trade = storedTradeOn(3);
    expect(sequencedMessage({ seq: 7, partition: 3, data: bytes(trade) }, PARTITIONS)).toEqual({ seq: 7, trade });
    expect(sequencedMessage({ seq: 8, partition: 3, data: bytes('{') }, PARTITIONS)).toEqual({
      seq: 8,
      quarantined: expect.stringMatching(/^not JSON/),
    });
  });
});

describe('the ISO forms, read without Date', () => {
  test('isoOfTimePlaced gives what ingest stores, timePlaced read by libs/trade as ISO-8601', () => {
    const months = ['JAN', 'feb', 'Mar', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
    for (let i = 0; i < 2000; i++) {
      const pad = (n: number) => String(n).padStart(2, '0');
      const text = `${pad(1 + (i % 28))}-${months[i % 12]}-${pad((i * 7) % 100)} ${pad(i % 24)}:${pad((i * 13) % 60)}:${pad((i * 17) % 60)}`;
      expect(isoOfTimePlaced(text)).toBe(parseTimePlaced(text)?.toISOString());
    }
    expect(isoOfTimePlaced('29-FEB-00 23:59:59')).toBe('2000-02-29T23:59:59.000Z');
    expect(isoOfTimePlaced('31-dec-69 00:00:00')).toBe('1969-12-31T00:00:00.000Z');
  });

  test('isIsoInstant takes exactly what toISOString writes, of days that exist', () => {
    for (let time = Date.UTC(1999, 0, 1); time < Date.UTC(2030, 0, 1); time += 86_400_000 * 3 + 3_723_456) {
      expect(isIsoInstant(new Date(time).toISOString())).toBe(true);
    }
    expect(isIsoInstant('2024-02-29T00:00:00.000Z')).toBe(true);
    for (const text of [
      '2026-02-29T00:00:00.000Z',
      '2100-02-29T00:00:00.000Z',
      '2026-04-31T00:00:00.000Z',
      '2026-13-01T00:00:00.000Z',
      '2026-00-01T00:00:00.000Z',
      '2026-01-00T00:00:00.000Z',
      '2026-01-01T24:00:00.000Z',
      '2026-01-01T23:60:00.000Z',
      '2026-01-01T23:00:60.000Z',
      '2026-01-01T23:00:00Z',
      '2026-01-01T23:00:00.000+00:00',
      ' 2026-01-01T23:00:00.000Z',
      '2026-01-01',
    ]) {
      expect([text, isIsoInstant(text)]).toEqual([text, false]);
    }
    expect(isIsoInstant(Date.now())).toBe(false);
  });
});
