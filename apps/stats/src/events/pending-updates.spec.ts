import type { Trade } from '@tradeflow/trade';
import { StatsView } from '../view/stats-view';
import { PendingUpdates } from './pending-updates';

const trade = (id: string) => ({ id }) as Trade;
const put = (view: StatsView, key: string, value: object) =>
  view.apply({ key, operation: 'PUT', value: new TextEncoder().encode(JSON.stringify({ ...value, partitions: {} })) });
const read = (message: Buffer) => JSON.parse(message.toString());

describe('PendingUpdates', () => {
  test('nothing to send when nothing happened', () => {
    const view = new StatsView();
    const pending = new PendingUpdates(3);
    expect(pending.take(view)).toEqual(expect.any(Object)); // the first total
    expect(pending.take(view)).toBeUndefined();
  });

  test('one message per feed for everything since the last tick, the same bytes for every client', () => {
    const view = new StatsView(10);
    const pending = new PendingUpdates(3);
    pending.take(view);
    pending.addTrades([trade('a'), trade('b')]);
    pending.addTrades([trade('c'), trade('d')]);
    put(view, 'countries.FR', { country: 'FR', count: 4 });
    pending.figureChanged('countries', 'FR');
    view.raiseTotal(14);
    const messages = pending.take(view)!;
    expect(messages.full()).toBe(messages.full());
    expect(read(messages.full())).toEqual({
      event: 'transactions',
      data: {
        total: 14,
        refused: 0,
        items: ['a', 'b', 'c', 'd'].map(trade),
        pairs: {},
        countries: { FR: { country: 'FR', count: 4 } },
      },
    });
    expect(read(messages.summary())).toEqual({
      event: 'summary',
      data: { total: 14, refused: 0, count: 4, latest: ['d', 'c', 'b'].map(trade), pairs: {}, countries: { FR: { country: 'FR', count: 4 } } },
    });
    expect(pending.take(view)).toBeUndefined();
  });

  test('the summary keeps the newest trades across ticks; a tick with only a new total still goes out', () => {
    const view = new StatsView();
    const pending = new PendingUpdates(3);
    pending.addTrades([trade('a'), trade('b')]);
    pending.take(view);
    view.raiseTotal(2);
    const messages = pending.take(view)!;
    expect(read(messages.summary()).data).toEqual({ total: 2, refused: 0, count: 0, latest: ['b', 'a'].map(trade), pairs: {}, countries: {} });
    expect(read(messages.full()).data.items).toEqual([]);
  });

  test('figures a snapshot has carried are not sent again; a vanished figure is left out', () => {
    const view = new StatsView();
    const pending = new PendingUpdates(3);
    pending.take(view);
    put(view, 'pairs.EUR-GBP', { from: 'EUR' });
    pending.figureChanged('pairs', 'EUR-GBP');
    pending.figuresSent();
    expect(pending.take(view)).toBeUndefined();
    pending.figureChanged('pairs', 'USD-JPY');
    pending.addTrades([trade('a')]);
    expect(read(pending.take(view)!.full()).data.pairs).toEqual({});
  });
});
