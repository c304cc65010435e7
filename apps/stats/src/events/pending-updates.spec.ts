import type { PairFigures, Trade } from '@tradeflow/contract';
import { type PartitionStats, partitionStatsKey } from '@tradeflow/fold';
import { StatsView } from '../view/stats-view';
import { PendingUpdates } from './pending-updates';

const trade = (id: string) => ({ id, receivedAt: `when ${id} came` }) as Trade;
/** Writes partition 0's value, with only the figures given (and a total of 0, which moves nothing). */
const put = (view: StatsView, figures: Partial<Pick<PartitionStats, 'pairs' | 'countries'>>) =>
  view.apply({
    key: partitionStatsKey(0),
    operation: 'PUT',
    value: new TextEncoder().encode(JSON.stringify({ lastSeq: 1, total: 0, pairs: {}, countries: {}, ...figures })),
  });
const FR = { country: 'FR', count: 4, sold: { EUR: '4000' } };
const read = (message: Buffer) => JSON.parse(message.toString());

describe('PendingUpdates', () => {
  test('nothing to send when nothing happened', () => {
    const view = new StatsView();
    const pending = new PendingUpdates(3);
    expect(pending.take(view)).toEqual(expect.any(Object)); // the first total
    expect(pending.take(view)).toBeUndefined();
  });

  test('one message per feed for everything since the last tick, the same bytes for every client', () => {
    const view = new StatsView();
    view.raiseFloor(10);
    const pending = new PendingUpdates(3);
    pending.take(view);
    pending.addTrades([trade('a'), trade('b')]);
    pending.addTrades([trade('c'), trade('d')]);
    put(view, { countries: { FR } });
    pending.figureChanged('countries', 'FR');
    view.raisePartitionTotal(0, 14);
    const { messages, newestReceivedAt } = pending.take(view)!;
    expect(newestReceivedAt).toBe('when d came');
    expect(messages.full()).toBe(messages.full());
    expect(read(messages.full())).toEqual({
      event: 'transactions',
      data: {
        total: 14,
        refused: 0,
        quarantined: 0,
        items: ['a', 'b', 'c', 'd'].map(trade),
        pairs: {},
        countries: { FR },
        flags: [],
      },
    });
    expect(read(messages.summary())).toEqual({
      event: 'summary',
      data: {
        total: 14,
        refused: 0,
        quarantined: 0,
        count: 4,
        latest: ['d', 'c', 'b'].map(trade),
        pairs: {},
        countries: { FR },
        flags: [],
      },
    });
    expect(pending.take(view)).toBeUndefined();
  });

  test('the summary keeps the newest trades across ticks; a tick with only a new total still goes out', () => {
    const view = new StatsView();
    const pending = new PendingUpdates(3);
    pending.addTrades([trade('a'), trade('b')]);
    pending.take(view);
    view.raisePartitionTotal(0, 2);
    const { messages, newestReceivedAt } = pending.take(view)!;
    expect(newestReceivedAt).toBeUndefined();
    expect(read(messages.summary()).data).toEqual({
      total: 2,
      refused: 0,
      quarantined: 0,
      count: 0,
      latest: ['b', 'a'].map(trade),
      pairs: {},
      countries: {},
      flags: [],
    });
    expect(read(messages.full()).data.items).toEqual([]);
  });

  test('figures a snapshot has carried are not sent again; a vanished figure is left out', () => {
    const view = new StatsView();
    const pending = new PendingUpdates(3);
    pending.take(view);
    put(view, { pairs: { 'EUR-GBP': { from: 'EUR' } as PairFigures } });
    pending.figureChanged('pairs', 'EUR-GBP');
    pending.figuresSent();
    expect(pending.take(view)).toBeUndefined();
    pending.figureChanged('pairs', 'USD-JPY');
    pending.addTrades([trade('a')]);
    expect(read(pending.take(view)!.messages.full()).data.pairs).toEqual({});
  });

  test('new flags go out in the next tick, newest first, in both feeds, once', () => {
    const view = new StatsView();
    const pending = new PendingUpdates(3);
    pending.take(view);
    pending.addFlag('{"id":"off-market:a"}');
    pending.addFlag('{"id":"velocity:b"}');
    const { messages } = pending.take(view)!;
    const newestFirst = [{ id: 'velocity:b' }, { id: 'off-market:a' }];
    expect(read(messages.full()).data.flags).toEqual(newestFirst);
    expect(read(messages.summary()).data).toMatchObject({ count: 0, flags: newestFirst });
    expect(pending.take(view)).toBeUndefined();
  });

  test('flags a snapshot has carried are not sent again', () => {
    const view = new StatsView();
    const pending = new PendingUpdates(3);
    pending.take(view);
    pending.addFlag('{"id":"off-market:a"}');
    pending.figuresSent();
    expect(pending.take(view)).toBeUndefined();
  });
});
