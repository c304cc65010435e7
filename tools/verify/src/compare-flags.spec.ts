import { EXAMPLE_TRADE, type Flag } from '@tradeflow/contract';
import { compareFlags } from './compare-flags';

const encoder = new TextEncoder();
const trade = (id: string) => ({
  ...EXAMPLE_TRADE,
  id,
  timePlacedIso: '2018-01-24T10:27:44.000Z',
  receivedAt: '2026-11-25T10:27:44.000Z',
});
const offMarket = (id: string, seq: number): Flag => ({
  id: `off-market:${id}`,
  kind: 'off-market',
  seq,
  trade: trade(id),
  reference: 0.75,
  deviationPercent: 6.666667,
  window: 50,
});
const raised = (partition: number, ...flags: Flag[]) => flags.map((flag) => ({ partition, flag }));
const message = (subject: string, value: unknown) => ({
  subject,
  data: encoder.encode(typeof value === 'string' ? value : JSON.stringify(value)),
});
const stored = (...messages: ReturnType<typeof message>[]) => ({ messages, trimmed: false });

describe('compareFlags', () => {
  test('finds nothing when FLAGS holds each raised flag once, on its kind and partition', () => {
    const [a, b] = [offMarket('a', 3), offMarket('b', 9)];
    const report = compareFlags(
      raised(2, a, b),
      stored(message('flags.off-market.2', b), message('flags.off-market.2', a)),
    );
    expect(report).toEqual({ expected: { 'off-market': 2, velocity: 0 }, agedOut: 0, differences: [], doubled: [] });
  });

  test('names a flag missing, one not raised, one on another subject, one forged, and one that is no flag', () => {
    const [a, b, c, d] = [offMarket('a', 3), offMarket('b', 9), offMarket('c', 11), offMarket('d', 12)];
    const report = compareFlags(
      raised(2, a, b, c),
      stored(
        message('flags.off-market.1', b),
        message('flags.off-market.2', { ...c, reference: 0.5 }),
        message('flags.off-market.2', d),
        message('flags.off-market.2', 'garbage'),
      ),
    );
    expect(report.differences).toEqual([
      { key: '(not a flag, message 4 read, on flags.off-market.2)', path: '', expected: undefined, actual: 'garbage' },
      { key: 'off-market:a', path: '', expected: { subject: 'flags.off-market.2', ...a }, actual: undefined },
      { key: 'off-market:b', path: 'subject', expected: 'flags.off-market.2', actual: 'flags.off-market.1' },
      { key: 'off-market:c', path: 'reference', expected: 0.75, actual: 0.5 },
      { key: 'off-market:d', path: '', expected: undefined, actual: { subject: 'flags.off-market.2', ...d } },
    ]);
  });

  test('counts a flag stored twice', () => {
    const a = offMarket('a', 3);
    const report = compareFlags(
      raised(0, a),
      stored(message('flags.off-market.0', a), message('flags.off-market.0', a)),
    );
    expect(report.doubled).toEqual([{ id: 'off-market:a', times: 2 }]);
    expect(report.differences).toEqual([]);
  });

  test("once FLAGS has let messages go, takes a partition's flags older than the oldest it keeps as aged out, not missing", () => {
    const [a, b, c, d] = [offMarket('a', 3), offMarket('b', 9), offMarket('c', 11), offMarket('d', 5)];
    const kept = { messages: [message('flags.off-market.2', c)], trimmed: true };
    const report = compareFlags([...raised(2, a, b, c), ...raised(1, d)], kept);
    expect(report.agedOut).toBe(3);
    expect(report.differences).toEqual([]);
    // Not trimmed, they are missing.
    expect(compareFlags(raised(2, a, b, c), { ...kept, trimmed: false }).differences).toHaveLength(2);
  });
});
