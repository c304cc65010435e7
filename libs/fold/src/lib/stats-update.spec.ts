import type { StatsUpdate } from './model';
import { tradeWith } from './spec-helpers';
import { encodeStatsUpdate } from './stats-update';

describe('encodeStatsUpdate', () => {
  const head = { partition: 2, previousSeq: 10, lastSeq: 12, partitionTotal: 40 };
  const encoder = new TextEncoder();
  const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

  test('is the update that JSON.stringify would write, items taken as they were stored', () => {
    const items = [tradeWith({ userId: 'a' }), tradeWith({ userId: 'b', originatingCountry: 'DE' })];
    const json = decode(encodeStatsUpdate(head, items.map((item) => encoder.encode(JSON.stringify(item)))));
    expect(JSON.parse(json)).toEqual<StatsUpdate>({ ...head, items });
    expect(json).toBe(JSON.stringify({ ...head, items }));
  });

  test('writes an empty list of items', () => {
    expect(JSON.parse(decode(encodeStatsUpdate(head, [])))).toEqual({ ...head, items: [] });
  });
});
