import { parseServerMessage, type ServerMessage, SUBSCRIBE_SUMMARY } from '@tradeflow/contract';
import { reconnectDelay } from './backoff';

/** An event handler property, checked bivariantly as DOM handlers are (a method's parameter). */
type Handler<E> = { handle(event: E): void }['handle'];

/** The part of a browser WebSocket used here, so that tests can hand in a fake one. */
export interface SocketLike {
  onopen: Handler<Event> | null;
  onmessage: Handler<{ data: unknown }> | null;
  onclose: Handler<Event> | null;
  onerror: Handler<Event> | null;
  send(data: string): void;
  close(): void;
}

export type ConnectionState =
  /** The first attempt, under way. */
  | 'connecting'
  /** Open, no snapshot yet (stats may still be loading its view). */
  | 'waiting'
  /** A snapshot arrived: the figures are current. */
  | 'live'
  /** Lost: the next attempt is due at `retryAt`, or under way. */
  | 'reconnecting';

export interface ConnectionStatus {
  state: ConnectionState;
  /** When the next attempt starts (the clock of `now`), while reconnecting and waiting. */
  retryAt?: number;
}

export interface ConnectionHandlers {
  /** A message; `first` is the first snapshot of this connection (a resync is not first). */
  message(message: ServerMessage, first: boolean): void;
  status(status: ConnectionStatus): void;
}

export interface ConnectionDeps {
  createSocket: (url: string) => SocketLike;
  setTimeout: (callback: () => void, ms: number) => unknown;
  clearTimeout: (handle: unknown) => void;
  now: () => number;
  random: () => number;
}

/**
 * The page's one WebSocket to stats: subscribes to the summary feed as soon as it opens, hands
 * on every message, and when the socket is lost reconnects with a growing, jittered backoff
 * (reconnectDelay); the backoff starts over once a connection has delivered its snapshot. The new
 * connection's snapshot replaces the page's state, so nothing is counted twice.
 */
export class LiveConnection {
  private socket: SocketLike | undefined;
  private attempt = 0;
  private timer: unknown;
  private stopped = false;
  private sawSnapshot = false;
  private current: ConnectionStatus = { state: 'connecting' };

  constructor(
    private readonly url: string,
    private readonly handlers: ConnectionHandlers,
    private readonly deps: ConnectionDeps,
  ) {}

  get status(): ConnectionStatus {
    return this.current;
  }

  start(): void {
    this.stopped = false;
    this.open();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer !== undefined) this.deps.clearTimeout(this.timer);
    this.timer = undefined;
    this.drop();
  }

  /** Tries at once instead of waiting out the backoff (the browser is back online). */
  retryNow(): void {
    if (this.stopped || this.socket || this.timer === undefined) return;
    this.deps.clearTimeout(this.timer);
    this.timer = undefined;
    this.open();
  }

  private open(): void {
    this.sawSnapshot = false;
    let socket: SocketLike;
    try {
      socket = this.deps.createSocket(this.url);
    } catch {
      this.lost();
      return;
    }
    this.socket = socket;
    socket.onopen = () => {
      if (this.socket !== socket) return;
      socket.send(SUBSCRIBE_SUMMARY);
      this.setStatus({ state: 'waiting' });
    };
    socket.onmessage = (event) => {
      if (this.socket !== socket || typeof event.data !== 'string') return;
      const message = parseServerMessage(event.data);
      if (!message) return;
      const first = message.event === 'snapshot' && !this.sawSnapshot;
      if (message.event === 'snapshot') {
        this.sawSnapshot = true;
        this.attempt = 0;
      }
      // Until its snapshot, a connection's updates have nothing to apply to.
      if (!this.sawSnapshot) return;
      this.handlers.message(message, first);
      if (first) this.setStatus({ state: 'live' });
    };
    socket.onclose = () => {
      if (this.socket === socket) this.lost();
    };
    socket.onerror = () => {
      // A close always follows; close() makes sure of it.
      if (this.socket === socket) socket.close();
    };
  }

  private lost(): void {
    this.drop();
    if (this.stopped) return;
    const delay = reconnectDelay(this.attempt++, this.deps.random);
    this.setStatus({ state: 'reconnecting', retryAt: this.deps.now() + delay });
    this.timer = this.deps.setTimeout(() => {
      this.timer = undefined;
      this.open();
    }, delay);
  }

  private drop(): void {
    const socket = this.socket;
    this.socket = undefined;
    if (!socket) return;
    socket.onopen = socket.onmessage = socket.onclose = socket.onerror = null;
    try {
      socket.close();
    } catch {
      // already closed
    }
  }

  private setStatus(status: ConnectionStatus): void {
    this.current = status;
    this.handlers.status(status);
  }
}
