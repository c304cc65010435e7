import { busiestPair, DashboardState, topPairs } from './state';
import { country, offMarketFlag, pair, snapshot, summary, trade, velocityFlag } from './spec-helpers';

describe('DashboardState', () => {
  test('a snapshot replaces every figure and marks them all changed', () => {
    const state = new DashboardState();
    state.apply(snapshot(10, [pair('EUR-GBP', 6), pair('USD-JPY', 4)], [country('FR', 10)]));
    state.takeChanges();
    state.apply(snapshot(12, [pair('EUR-GBP', 12)], [country('DE', 12)]));
    expect(state.total).toBe(12);
    expect([...state.pairs.keys()]).toEqual(['EUR-GBP']);
    expect(state.pairs.get('EUR-GBP')?.count).toBe(12);
    expect([...state.countries.keys()]).toEqual(['DE']);
    const changes = state.takeChanges();
    expect(changes).toMatchObject({ snapshot: true, pairs: true, countries: 'all', total: true });
    expect(state.loaded).toBe(true);
  });

  test('a summary replaces the figures it carries and keeps the others', () => {
    const state = new DashboardState();
    state.apply(snapshot(10, [pair('EUR-GBP', 6), pair('USD-JPY', 4)], [country('FR', 6), country('US', 4)]));
    state.takeChanges();
    state.apply(summary(11, [trade()], [pair('EUR-GBP', 7)], [country('FR', 7)]));
    expect(state.total).toBe(11);
    expect(state.pairs.get('EUR-GBP')?.count).toBe(7);
    expect(state.pairs.get('USD-JPY')?.count).toBe(4);
    expect(state.countries.get('FR')?.count).toBe(7);
    expect(state.countries.get('US')?.count).toBe(4);
    const changes = state.takeChanges();
    expect(changes.countries).toEqual(new Set(['FR']));
    expect(changes).toMatchObject({ snapshot: false, pairs: true, trades: true, total: true });
    expect(state.takeChanges()).toMatchObject({ total: false, pairs: false, trades: false, countries: new Set() });
  });

  test('the total never goes backwards, and a repeated snapshot does not add up', () => {
    const state = new DashboardState();
    state.apply(snapshot(100));
    state.apply(summary(105));
    state.apply(summary(103));
    expect(state.total).toBe(105);
    state.apply(snapshot(104)); // a resync from a view a little behind
    expect(state.total).toBe(105);
    state.apply(snapshot(110));
    state.apply(snapshot(110));
    expect(state.total).toBe(110);
  });

  test('refused is shown once the server sends it, and never goes backwards', () => {
    const state = new DashboardState();
    state.apply(snapshot(5));
    expect(state.refused).toBeUndefined();
    state.apply(summary(6, [], [], [], 2));
    expect(state.refused).toBe(2);
    state.apply(summary(7, [], [], [], 1));
    expect(state.refused).toBe(2);
    state.apply(snapshot(7, [], [], 3));
    expect(state.refused).toBe(3);
    state.apply(summary(8)); // a summary without it changes nothing
    expect(state.refused).toBe(3);
    state.apply(snapshot(8)); // a server that does not count them
    expect(state.refused).toBeUndefined();
  });

  test('quarantined is shown once the server sends it, and never goes backwards', () => {
    const state = new DashboardState();
    state.apply(snapshot(5));
    expect(state.quarantined).toBeUndefined();
    state.takeChanges();
    state.apply({ event: 'summary', data: { ...summary(5).data, quarantined: 3 } });
    expect(state.quarantined).toBe(3);
    expect(state.takeChanges().quarantined).toBe(true);
    state.apply({ event: 'summary', data: { ...summary(5).data, quarantined: 2 } });
    expect(state.quarantined).toBe(3);
    expect(state.takeChanges().quarantined).toBe(false);
    state.apply(snapshot(5));
    expect(state.quarantined).toBeUndefined();
  });

  test("the fold's health: from a health message, replaced by every snapshot, ok when a snapshot does not say", () => {
    const state = new DashboardState();
    const degraded = {
      status: 'degraded' as const,
      partitions: { 1: { reason: 'boom', since: '2026-01-02T10:00:00.000Z' } },
    };
    state.apply(snapshot(5));
    expect(state.health).toEqual({ status: 'ok', partitions: {} });
    state.takeChanges();
    state.apply({ event: 'health', data: degraded });
    expect(state.health).toEqual(degraded);
    expect(state.takeChanges()).toMatchObject({ health: true, total: false, snapshot: false });
    state.apply({ event: 'health', data: { ...degraded } });
    expect(state.takeChanges().health).toBe(false);
    state.apply({ event: 'snapshot', data: { ...snapshot(5).data, health: degraded } });
    expect(state.takeChanges().health).toBe(false);
    state.apply(snapshot(6));
    expect(state.health).toEqual({ status: 'ok', partitions: {} });
    expect(state.takeChanges().health).toBe(true);
  });

  test('latest trades: newest first, each once, bounded', () => {
    const state = new DashboardState(3);
    state.apply(snapshot(0));
    const [a, b, c, d, e] = [trade(), trade(), trade(), trade(), trade()];
    state.apply(summary(2, [b, a]));
    expect(state.latestTrades().map((t) => t.id)).toEqual([b.id, a.id]);
    // The same latest trades again (a tick with figures but no new trades): no duplicates.
    state.takeChanges();
    state.apply(summary(2, [b, a]));
    expect(state.latestTrades().map((t) => t.id)).toEqual([b.id, a.id]);
    expect(state.takeChanges().trades).toBe(false);
    state.apply(summary(5, [e, d, c, b, a]));
    expect(state.latestTrades().map((t) => t.id)).toEqual([e.id, d.id, c.id]);
    expect(state.trades.size).toBe(3);
  });

  test('the full feed (before the subscription takes) adds its trades, oldest first', () => {
    const state = new DashboardState(2);
    state.apply(snapshot(0));
    const [a, b, c] = [trade(), trade(), trade()];
    state.apply({
      event: 'transactions',
      data: { total: 3, pairs: { 'EUR-GBP': pair('EUR-GBP', 3) }, countries: {}, flags: [], items: [a, b, c] },
    });
    expect(state.total).toBe(3);
    expect(state.latestTrades().map((t) => t.id)).toEqual([c.id, b.id]);
  });

  test("a snapshot lists the server's newest trades, so a reload shows them at once", () => {
    const state = new DashboardState();
    const [a, b] = [trade(), trade()];
    state.apply(snapshot(2, [], [], 0, [b, a]));
    expect(state.latestTrades().map((t) => t.id)).toEqual([b.id, a.id]);
    state.apply(snapshot(2, [], [], 0, [b, a]));
    expect(state.latestTrades().map((t) => t.id)).toEqual([b.id, a.id]);
  });

  test('a snapshot keeps the trades already listed', () => {
    const state = new DashboardState();
    state.apply(snapshot(0));
    const a = trade();
    state.apply(summary(1, [a]));
    state.apply(snapshot(1));
    expect(state.latestTrades().map((t) => t.id)).toEqual([a.id]);
  });

  test("a snapshot's flags replace the page's, an update's new ones are added; each marks its trade", () => {
    const state = new DashboardState();
    const [a, b, c] = [trade(), trade(), trade()];
    state.apply({ ...snapshot(3), data: { ...snapshot(3).data, flags: [offMarketFlag(a)] } });
    expect(state.takeChanges().flags).toBe(true);
    state.apply({ ...summary(3), data: { ...summary(3).data, flags: [velocityFlag(c), offMarketFlag(b)] } });
    expect(state.takeChanges().flags).toBe(true);
    expect(state.flags.newest(5).map((flag) => flag.trade.id)).toEqual([c.id, b.id, a.id]);
    expect(state.flags.kindsOf(c.id)).toEqual(['velocity']);
    // An update again with a flag the page has: nothing new.
    state.apply({ ...summary(3), data: { ...summary(3).data, flags: [velocityFlag(c)] } });
    expect(state.takeChanges().flags).toBe(false);
    state.apply(snapshot(3));
    expect(state.takeChanges().flags).toBe(true);
    expect(state.flags.newest(5)).toEqual([]);
    expect(state.flags.kindsOf(a.id)).toBeUndefined();
  });

  test('memory stays bounded over many messages', () => {
    const state = new DashboardState(5);
    state.apply(snapshot(0));
    for (let i = 1; i <= 10_000; i++)
      state.apply(
        summary(
          i * 10,
          Array.from({ length: 10 }, () => trade()),
        ),
      );
    expect(state.trades.size).toBe(5);
    expect((state as unknown as { seenIds: Set<string> }).seenIds.size).toBeLessThanOrEqual(20);
    expect(state.total).toBe(100_000);
  });
});

describe('pair ranking', () => {
  const pairs = new Map([
    ['USD-JPY', pair('USD-JPY', 5)],
    ['EUR-GBP', pair('EUR-GBP', 9)],
    ['AUD-USD', pair('AUD-USD', 9)],
    ['GBP-CHF', pair('GBP-CHF', 1)],
  ]);

  test('the busiest pair, ties by name', () => {
    expect(busiestPair(pairs)).toBe('AUD-USD');
    expect(busiestPair(new Map())).toBeUndefined();
  });

  test('the top pairs, busiest first', () => {
    expect(topPairs(pairs, 3).map((p) => `${p.from}-${p.to}`)).toEqual(['AUD-USD', 'EUR-GBP', 'USD-JPY']);
  });
});
