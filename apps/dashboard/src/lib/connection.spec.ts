import type { ServerMessage } from '@tradeflow/contract';
import { type ConnectionStatus, LiveConnection, type SocketLike } from './connection';

class FakeSocket implements SocketLike {
  onopen: SocketLike['onopen'] = null;
  onmessage: SocketLike['onmessage'] = null;
  onclose: SocketLike['onclose'] = null;
  onerror: SocketLike['onerror'] = null;
  sent: string[] = [];
  closed = false;
  send(data: string): void {
    this.sent.push(data);
  }
  close(): void {
    this.closed = true;
  }
  open(): void {
    this.onopen?.({} as Event);
  }
  receive(message: unknown): void {
    this.onmessage?.({ data: JSON.stringify(message) });
  }
  lose(): void {
    this.onclose?.({} as Event);
  }
}

function setup() {
  const sockets: FakeSocket[] = [];
  const timers: { callback: () => void; ms: number }[] = [];
  const messages: [ServerMessage, boolean][] = [];
  const statuses: ConnectionStatus[] = [];
  const connection = new LiveConnection(
    'ws://127.0.0.1/ws',
    { message: (message, first) => messages.push([message, first]), status: (status) => statuses.push(status) },
    {
      createSocket: () => {
        const socket = new FakeSocket();
        sockets.push(socket);
        return socket;
      },
      setTimeout: (callback, ms) => timers.push({ callback, ms }),
      clearTimeout: () => undefined,
      now: () => 0,
      random: () => 1,
    },
  );
  return { connection, sockets, timers, messages, statuses };
}

const snapshot = (total: number) => ({ event: 'snapshot', data: { total, pairs: {}, countries: {} } });
const summary = (total: number) => ({
  event: 'summary',
  data: { total, count: 0, latest: [], pairs: {}, countries: {} },
});

describe('LiveConnection', () => {
  test("hands on the fold's health from the snapshot on, as any message", () => {
    const { connection, sockets, messages } = setup();
    connection.start();
    const socket = sockets[0];
    socket.open();
    const health = { event: 'health', data: { status: 'degraded', partitions: { 1: { reason: 'boom', since: 'x' } } } };
    socket.receive(health); // before the snapshot: the page has no state to mark yet, the snapshot will carry it
    socket.receive(snapshot(5));
    socket.receive(health);
    expect(messages.map(([message, first]) => [message.event, first])).toEqual([
      ['snapshot', true],
      ['health', false],
    ]);
  });

  test('subscribes to the summary feed on open and hands on messages from the snapshot on', () => {
    const { connection, sockets, messages, statuses } = setup();
    connection.start();
    const socket = sockets[0];
    socket.open();
    expect(socket.sent).toEqual(['{"event":"subscribe","data":{"feed":"summary"}}']);
    expect(statuses.at(-1)?.state).toBe('waiting');
    socket.receive(summary(1)); // before any snapshot: nothing to apply it to
    socket.receive(snapshot(5));
    socket.receive(summary(6));
    socket.receive(snapshot(7)); // a resync on the same connection
    expect(
      messages.map(([message, first]) => [
        message.event,
        message.event === 'health' ? undefined : message.data.total,
        first,
      ]),
    ).toEqual([
      ['snapshot', 5, true],
      ['summary', 6, false],
      ['snapshot', 7, false],
    ]);
    expect(statuses.at(-1)?.state).toBe('live');
  });

  test('reconnects with a growing backoff that starts over after a snapshot', () => {
    const { connection, sockets, timers, messages, statuses } = setup();
    connection.start();
    sockets[0].lose();
    expect(statuses.at(-1)).toEqual({ state: 'reconnecting', retryAt: 500 });
    timers.shift()?.callback();
    sockets[1].onerror?.({} as Event);
    expect(sockets[1].closed).toBe(true);
    sockets[1].lose();
    expect(timers[0].ms).toBe(1000);
    timers.shift()?.callback();
    sockets[2].lose();
    expect(timers[0].ms).toBe(2000);
    timers.shift()?.callback();
    const socket = sockets[3];
    socket.open();
    socket.receive(snapshot(10));
    expect(messages.at(-1)?.[1]).toBe(true); // the new connection's first snapshot
    socket.lose();
    expect(timers[0].ms).toBe(500);
  });

  test('a socket that was replaced is ignored', () => {
    const { connection, sockets, timers, messages } = setup();
    connection.start();
    const old = sockets[0];
    const { onmessage } = old;
    old.lose();
    timers.shift()?.callback();
    onmessage?.({ data: JSON.stringify(snapshot(1)) });
    expect(messages).toEqual([]);
  });

  test('stop closes the socket and does not reconnect', () => {
    const { connection, sockets, timers } = setup();
    connection.start();
    connection.stop();
    expect(sockets[0].closed).toBe(true);
    expect(timers).toEqual([]);
  });
});
