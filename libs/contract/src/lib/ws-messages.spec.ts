import { HEALTH_OK } from './fold-health';
import {
  healthMessage,
  parseServerMessage,
  requestedFeed,
  snapshotMessage,
  SUBSCRIBE_SUMMARY,
  summaryMessage,
  transactionsMessage,
} from './ws-messages';

describe('requestedFeed', () => {
  test.each([
    [{ feed: 'summary' }, 'summary'],
    [{ feed: 'full' }, 'full'],
    [{ feed: 'everything' }, undefined],
    [{ feed: ['summary'] }, undefined],
    ['summary', undefined],
    [null, undefined],
    [undefined, undefined],
    [Object.create({ feed: 'summary' }), undefined],
  ])('%j asks for %s', (data, feed) => {
    expect(requestedFeed(data)).toBe(feed);
  });

  test("is the summary feed for the page's subscribe message", () => {
    const { event, data } = JSON.parse(SUBSCRIBE_SUMMARY);
    expect(event).toBe('subscribe');
    expect(requestedFeed(data)).toBe('summary');
  });
});

describe("the server's messages", () => {
  const current = { total: 3, refused: 2, quarantined: 1 };
  const pairs = { 'EUR-GBP': { from: 'EUR', to: 'GBP', count: 3 } };
  const countries = { FR: { country: 'FR', count: 3, sold: { EUR: '3000' } } };
  const trades = [{ id: 'a' }, { id: 'b' }];
  const flags = [{ id: 'velocity:b', kind: 'velocity' }];
  const degraded = { status: 'degraded', partitions: { 1: { reason: 'boom', since: '2026-01-02T10:00:00.000Z' } } };
  const json = JSON.stringify;

  test('are the JSON the page reads', () => {
    const all = { pairs: json(pairs), countries: json(countries), flags: json(flags) };
    const snapshot = snapshotMessage(current, all, json(trades), json(HEALTH_OK));
    expect(parseServerMessage(snapshot)).toEqual({
      event: 'snapshot',
      data: { ...current, pairs, countries, flags, latest: trades, health: HEALTH_OK },
    });
    const changedPairs = { pairs: json(pairs), countries: '{}', flags: '[]' };
    expect(parseServerMessage(summaryMessage(current, 2, json(trades), changedPairs))).toEqual({
      event: 'summary',
      data: { ...current, count: 2, latest: trades, pairs, countries: {}, flags: [] },
    });
    const newFlags = { pairs: '{}', countries: json(countries), flags: json(flags) };
    expect(parseServerMessage(transactionsMessage(current, json(trades), newFlags))).toEqual({
      event: 'transactions',
      data: { ...current, items: trades, pairs: {}, countries, flags },
    });
    expect(parseServerMessage(healthMessage(json(degraded)))).toEqual({ event: 'health', data: degraded });
  });
});

describe('parseServerMessage', () => {
  test('reads the three events', () => {
    expect(parseServerMessage('{"event":"snapshot","data":{"total":3,"pairs":{},"countries":{}}}')).toEqual({
      event: 'snapshot',
      data: { total: 3, pairs: {}, countries: {}, flags: [], latest: [] },
    });
    const summary = parseServerMessage('{"event":"summary","data":{"total":3,"count":0,"pairs":{},"countries":{}}}');
    expect(summary?.event === 'summary' && summary.data.latest).toEqual([]);
    expect(
      parseServerMessage('{"event":"transactions","data":{"total":3,"items":[],"pairs":{},"countries":{}}}'),
    ).toBeTruthy();
  });

  test('reads no flags where a server sends none, or no list of them', () => {
    for (const flags of [undefined, {}, 'off-market']) {
      const message = parseServerMessage(JSON.stringify({ event: 'summary', data: { total: 3, count: 0, flags } }));
      expect(message?.event === 'summary' && message.data.flags).toEqual([]);
    }
  });

  test('keeps refused when it is a count', () => {
    const message = parseServerMessage('{"event":"snapshot","data":{"total":3,"refused":2,"pairs":{},"countries":{}}}');
    expect(message?.event === 'snapshot' && message.data.refused).toBe(2);
    const bad = parseServerMessage('{"event":"snapshot","data":{"total":3,"refused":"2","pairs":{},"countries":{}}}');
    expect(bad?.event === 'snapshot' && bad.data.refused).toBeUndefined();
  });

  test('reads the quarantined count when it is a count, and drops it otherwise', () => {
    const message = parseServerMessage(
      '{"event":"summary","data":{"total":3,"quarantined":2,"pairs":{},"countries":{}}}',
    );
    expect(message?.event === 'summary' && message.data.quarantined).toBe(2);
    const bad = parseServerMessage('{"event":"summary","data":{"total":3,"quarantined":-1,"pairs":{},"countries":{}}}');
    expect(bad?.event === 'summary' && bad.data.quarantined).toBeUndefined();
  });

  test("reads the fold's health, as a message of its own and in a snapshot", () => {
    const degraded = { status: 'degraded', partitions: { 1: { reason: 'boom', since: '2026-01-02T10:00:00.000Z' } } };
    expect(parseServerMessage(JSON.stringify({ event: 'health', data: degraded }))).toEqual({
      event: 'health',
      data: degraded,
    });
    const snapshot = parseServerMessage(
      JSON.stringify({ event: 'snapshot', data: { total: 1, pairs: {}, countries: {}, health: degraded } }),
    );
    expect(snapshot?.event === 'snapshot' && snapshot.data.health).toEqual(degraded);
    for (const health of [
      { status: 'bad', partitions: {} },
      { status: 'degraded', partitions: { 1: { reason: 3 } } },
      { status: 'ok' },
    ]) {
      expect(parseServerMessage(JSON.stringify({ event: 'health', data: health }))).toBeNull();
      const withBad = parseServerMessage(JSON.stringify({ event: 'snapshot', data: { total: 1, health } }));
      expect(withBad?.event === 'snapshot' && withBad.data.health).toBeUndefined();
    }
  });

  test('drops anything else', () => {
    for (const text of [
      'not json',
      '[]',
      '{"event":"other","data":{"total":1}}',
      '{"event":"snapshot"}',
      '{"event":"snapshot","data":{"total":-1}}',
      '{"event":"snapshot","data":{"total":1,"pairs":[]}}',
    ]) {
      expect(parseServerMessage(text)).toBeNull();
    }
  });
});
