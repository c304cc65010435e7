import type { ConfigService } from '@nestjs/config';
import type { Trade } from '@tradeflow/contract';
import { Metrics, parseMetrics } from '@tradeflow/testing';
import { Registry } from 'prom-client';
import type { StatsEnvironment } from '../app/stats.environment';
import { StatsMetrics } from '../metrics/stats.metrics';
import type { FlagsService } from '../view/flags.service';
import type { FoldStatusService } from '../view/fold-status.service';
import { StatsView } from '../view/stats-view';
import type { StatsViewService } from '../view/stats-view.service';
import { type ClientSocket, OPEN } from './client-socket';
import { EventsBroadcaster } from './events.broadcaster';

// When ticks come, with the clock in the test's hands: the broadcaster over a view of its own and
// a socket that records what it is sent. The gateway over real sockets is events.spec.ts.
const TICK_MS = 60_000;

const MAX_BUFFERED = 1 << 20;
const environment: Partial<StatsEnvironment> = {
  WS_TICK_MS: TICK_MS,
  WS_MAX_BUFFERED_BYTES: MAX_BUFFERED,
  WS_LATEST_TRADES: 3,
};
const config = { get: (key: keyof StatsEnvironment) => environment[key] } as ConfigService<StatsEnvironment, true>;

class RecordingSocket implements ClientSocket {
  readonly readyState = OPEN;
  /** What the test says the socket has not written yet. */
  bufferedAmount = 0;
  readonly events: { event: string; ids: string[] }[] = [];
  readonly healths: unknown[] = [];
  /** The ids of the flags of each message but health. */
  readonly flags: string[][] = [];
  send(data: Buffer): void {
    const { event, data: body } = JSON.parse(data.toString());
    this.events.push({ event, ids: (body.items ?? []).map((item: Trade) => item.id) });
    if (event !== 'health') this.flags.push(body.flags.map((flag: { id: string }) => flag.id));
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
/** The recent flags as FlagsService would have them from FLAGS. */
const flags = { listen: () => undefined, json: '[]', version: 0 };

let registry: Registry;

function connectedClient(): [EventsBroadcaster, RecordingSocket] {
  const view = new StatsView();
  const stats = { listen: () => undefined, view, ready: true } as unknown as StatsViewService;
  registry = new Registry();
  const metrics = new StatsMetrics(registry);
  const broadcaster = new EventsBroadcaster(
    stats,
    config,
    foldStatus as unknown as FoldStatusService,
    metrics,
    flags as unknown as FlagsService,
  );
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

test('a flag goes out at once, and the recent flags in every snapshot', () => {
  const [broadcaster, socket] = connectedClient();
  jest.advanceTimersByTime(TICK_MS);
  const flag = '{"id":"velocity:t-1"}';
  flags.json = `[${flag}]`;
  flags.version++;
  broadcaster.flagRaised(flag);
  jest.advanceTimersByTime(1);
  expect(socket.events.map(({ event }) => event)).toEqual(['snapshot', 'transactions']);
  const late = new RecordingSocket();
  broadcaster.add(late);
  expect(socket.flags).toEqual([[], ['velocity:t-1']]);
  expect(late.flags).toEqual([['velocity:t-1']]);
});

test('a slow client: each update it misses for its backlog is counted, and the snapshot it gets once drained is a resync', async () => {
  const [broadcaster, socket] = connectedClient();
  const fast = new RecordingSocket();
  broadcaster.add(fast);
  broadcaster.setFeed(fast, 'summary');
  socket.bufferedAmount = MAX_BUFFERED + 1;
  broadcaster.tradesFolded([{ ...trade('a'), receivedAt: new Date(Date.now() - 1500).toISOString() }]);
  jest.advanceTimersByTime(TICK_MS);
  broadcaster.tradesFolded([{ ...trade('b'), receivedAt: new Date(Date.now() - 500).toISOString() }]);
  jest.advanceTimersByTime(TICK_MS);
  socket.bufferedAmount = 0;
  jest.advanceTimersByTime(TICK_MS);

  expect(socket.events.map(({ event }) => event)).toEqual(['snapshot', 'snapshot']);
  expect(fast.events.map(({ event }) => event)).toEqual(['snapshot', 'summary', 'summary']);
  const metrics = new Metrics(parseMetrics(await registry.metrics()));
  expect(metrics.value('tradeflow_ws_slow_clients_skipped_total')).toBe(2);
  expect(metrics.value('tradeflow_ws_snapshots_sent_total')).toBe(3);
  expect(metrics.value('tradeflow_ws_resyncs_total')).toBe(1);
  expect(metrics.value('tradeflow_ws_clients', { feed: 'full' })).toBe(1);
  expect(metrics.value('tradeflow_ws_clients', { feed: 'summary' })).toBe(1);
  // The fast client had its snapshot while it took the full feed, as every client starts.
  expect(metrics.value('tradeflow_ws_messages_sent_total', { feed: 'full' })).toBe(3);
  expect(metrics.value('tradeflow_ws_messages_sent_total', { feed: 'summary' })).toBe(2);
  // The first update's newest trade was 1.5 s old; the second's, 0.5 s old when folded, went out a tick later.
  expect(metrics.value('tradeflow_update_age_seconds_count')).toBe(2);
  expect(metrics.value('tradeflow_update_age_seconds_sum')).toBe(1.5 + 0.5 + TICK_MS / 1000);
});
