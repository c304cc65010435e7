// Many WebSocket clients on /ws that keep reading, each cheap: a message is not JSON-parsed, its
// event is read from its first bytes and its delay from the first `"receivedAt":"…"` in it (the
// oldest item of a `transactions` message, the newest trade of a `summary`).
import { WebSocket } from 'ws';
import { Samples } from '../stats';

export type Feed = 'full' | 'summary';

const RECEIVED_AT = Buffer.from('"receivedAt":"');
const EVENT_AT = '{"event":"'.length;

interface ClientState {
  socket: WebSocket;
  snapshots: number;
  messages: number;
  closed: boolean;
}

export interface FeedFigures {
  clients: number;
  /** Delivery delay per message (receipt − receivedAt), ms. */
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  messages: number;
  megabytes: number;
  /** `snapshot` messages beyond each client's first: updates it missed and was resynced after. */
  resyncs: number;
  clientsResynced: number;
  /** Clients whose socket closed while measuring. */
  closed: number;
  /** Fewest messages one client received while measuring. */
  minMessagesPerClient: number;
}

export class FeedClients {
  private readonly clients: ClientState[] = [];
  private delays = new Samples();
  private bytes = 0;
  private measuring = false;
  private baseline: { snapshots: number; messages: number }[] = [];

  private constructor(
    private readonly url: string,
    private readonly feed: Feed,
  ) {}

  /** Opens `count` clients, `concurrency` at a time, and waits until each has its snapshot. */
  static async open(
    url: string,
    feed: Feed,
    count: number,
    concurrency = 50,
    timeoutMs = 60_000,
  ): Promise<FeedClients> {
    const clients = new FeedClients(url, feed);
    const deadline = Date.now() + timeoutMs;
    try {
      for (let opened = 0; opened < count; opened += concurrency) {
        const wave = Math.min(concurrency, count - opened);
        await Promise.all(Array.from({ length: wave }, () => clients.openOne(deadline)));
      }
    } catch (error) {
      clients.close();
      throw error;
    }
    return clients;
  }

  private openOne(deadline: number): Promise<void> {
    const socket = new WebSocket(this.url, { perMessageDeflate: false });
    const state: ClientState = { socket, snapshots: 0, messages: 0, closed: false };
    this.clients.push(state);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`a ${this.feed} client got no snapshot in time`)),
        deadline - Date.now(),
      );
      socket.on('error', () => undefined);
      socket.on('open', () => {
        if (this.feed === 'summary') socket.send('{"event":"subscribe","data":{"feed":"summary"}}');
      });
      socket.on('close', () => {
        state.closed = true;
        clearTimeout(timer);
        reject(new Error(`a ${this.feed} client was closed before its snapshot`));
      });
      socket.on('message', (data: Buffer) => {
        const receivedAt = Date.now();
        state.messages++;
        if (data.toString('latin1', EVENT_AT, EVENT_AT + 8) === 'snapshot') {
          if (++state.snapshots === 1) {
            clearTimeout(timer);
            resolve();
          }
          return;
        }
        if (!this.measuring) return;
        this.bytes += data.length;
        const at = data.indexOf(RECEIVED_AT);
        if (at >= 0) {
          const start = at + RECEIVED_AT.length;
          this.delays.add(receivedAt - Date.parse(data.toString('latin1', start, start + 24)));
        }
      });
    });
  }

  /** Starts counting from now: delays, bytes, resyncs and closes. */
  startMeasuring(): void {
    this.delays = new Samples();
    this.bytes = 0;
    this.baseline = this.clients.map(({ snapshots, messages }) => ({ snapshots, messages }));
    this.measuring = true;
  }

  stopMeasuring(): FeedFigures {
    this.measuring = false;
    const [p50Ms, p99Ms, maxMs] = this.delays.quantiles([0.5, 0.99, 1]);
    let resyncs = 0;
    let clientsResynced = 0;
    let messages = 0;
    let minMessagesPerClient = Infinity;
    this.clients.forEach((client, index) => {
      const extra = client.snapshots - this.baseline[index].snapshots;
      const received = client.messages - this.baseline[index].messages;
      resyncs += extra;
      if (extra > 0) clientsResynced++;
      messages += received;
      minMessagesPerClient = Math.min(minMessagesPerClient, received);
    });
    return {
      clients: this.clients.length,
      p50Ms,
      p99Ms,
      maxMs,
      messages,
      megabytes: this.bytes / 2 ** 20,
      resyncs,
      clientsResynced,
      closed: this.clients.filter((client) => client.closed).length,
      minMessagesPerClient,
    };
  }

  close(): void {
    for (const client of this.clients) client.socket.terminate();
  }
}
