import type { ConfigService } from '@nestjs/config';
import type { Trade } from '@tradeflow/contract';
import type { StatsEnvironment } from '../app/stats.environment';
import type { FoldStatusService } from '../view/fold-status.service';
import { StatsView } from '../view/stats-view';
import type { StatsViewService } from '../view/stats-view.service';
import { type ClientSocket, OPEN } from './client-socket';
import { EventsBroadcaster } from './events.broadcaster';

// When ticks come, with the clock in the test's hands: the broadcaster over a view of its own and
// a socket that records what it is sent. The gateway over real sockets is events.spec.ts.
const TICK_MS = 60_000;

const environment: Partial<StatsEnvironment> = {
  WS_TICK_MS: TICK_MS,
  WS_MAX_BUFFERED_BYTES: 1 << 20,
  WS_LATEST_TRADES: 3,
};
const config = { get: (key: keyof StatsEnvironment) => environment[key] } as ConfigService<StatsEnvironment, true>;

class RecordingSocket implements ClientSocket {
  readonly readyState = OPEN;
  readonly bufferedAmount = 0;
  readonly events: { event: string; ids: string[] }[] = [];
  readonly healths: unknown[] = [];
  send(data: Buffer): void {
    const { event, data: body } = JSON.parse(data.toString());
    this.events.push({ event, ids: (body.items ?? []).map((item: Trade) => item.id) });
    if (event === 'health') this.healths.push(body);
    if (event === 'snapshot') this.healths.push(body.health);
  }
  close(): void {
    // Shutdown, which closes sockets, is not part of these tests.
  }
  once(): void {
    // Nor is waiting for a socket's close.
  }
}

const trade = (id: string) => ({ id }) as Trade;

/** The fold's health as FoldStatusService would have it from process's reports. */
const foldStatus = { listen: () => undefined, healthJson: '{"status":"ok","partitions":{}}', version: 0 };

function connectedClient(): [EventsBroadcaster, RecordingSocket] {
  const view = new StatsView();
  const stats = { listen: () => undefined, view, ready: true } as unknown as StatsViewService;
  const broadcaster = new EventsBroadcaster(stats, config, foldStatus as unknown as FoldStatusService);
  const socket = new RecordingSocket();
  broadcaster.add(socket);
  return [broadcaster, socket];
}

beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

test('trades folded after a quiet spell go out at once; those within a tick of them, a tick later, together', () => {
  const [broadcaster, socket] = connectedClient();
  broadcaster.tradesFolded([trade('a')]);
  jest.advanceTimersByTime(1);
  expect(socket.events).toEqual([
    { event: 'snapshot', ids: [] },
    { event: 'transactions', ids: ['a'] },
  ]);

  jest.advanceTimersByTime(1_000);
  broadcaster.tradesFolded([trade('b')]);
  broadcaster.tradesFolded([trade('c')]);
  jest.advanceTimersByTime(TICK_MS - 1_002);
  expect(socket.events).toHaveLength(2);
  jest.advanceTimersByTime(1);
  expect(socket.events[2]).toEqual({ event: 'transactions', ids: ['b', 'c'] });
});

test('a change of figures or counts alone goes out within a tick, not at once: its trades are on their way', () => {
  const [broadcaster, socket] = connectedClient();
  broadcaster.countsChanged();
  jest.advanceTimersByTime(TICK_MS - 1);
  expect(socket.events).toHaveLength(1);
  broadcaster.tradesFolded([trade('a')]);
  jest.advanceTimersByTime(1);
  expect(socket.events[1]).toEqual({ event: 'transactions', ids: ['a'] });
});

test('nothing is sent while nothing happens', () => {
  const [, socket] = connectedClient();
  jest.advanceTimersByTime(10 * TICK_MS);
  expect(socket.events).toEqual([{ event: 'snapshot', ids: [] }]);
});

test("the fold's health goes to every client at once when it changes, and in every snapshot", () => {
  const [broadcaster, socket] = connectedClient();
  const degraded = { status: 'degraded', partitions: { 1: { reason: 'boom', since: '2026-01-02T10:00:00.000Z' } } };
  foldStatus.healthJson = JSON.stringify(degraded);
  foldStatus.version++;
  broadcaster.healthChanged();
  expect(socket.events.map(({ event }) => event)).toEqual(['snapshot', 'health']);
  const late = new RecordingSocket();
  broadcaster.add(late);
  expect(late.healths).toEqual([degraded]);
  foldStatus.healthJson = '{"status":"ok","partitions":{}}';
  foldStatus.version++;
  broadcaster.healthChanged();
  expect(socket.healths).toEqual([{ status: 'ok', partitions: {} }, degraded, { status: 'ok', partitions: {} }]);
  expect(late.healths).toEqual([degraded, { status: 'ok', partitions: {} }]);
  // No tick came of it: nothing else was sent.
  jest.advanceTimersByTime(10 * TICK_MS);
  expect(socket.events.map(({ event }) => event)).toEqual(['snapshot', 'health', 'health']);
});
