import type { Socket } from 'node:net';
import { WebSocket } from 'ws';
import { eventually } from './eventually';

/** A message from /ws as the tests read it. */
export interface WsMessage {
  event: string;
  // Tests read messages of several shapes and assert on them: `any` is the honest type here.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  data: any;
  /** Size of the frame, in bytes. */
  size: number;
  /** When it arrived (Date.now()). */
  receivedAt: number;
}

/** A WebSocket client that records every message, for the tests of /ws. */
export class WsClient {
  readonly messages: WsMessage[] = [];
  /** Resolves with the close code once the socket is closed, by either side. */
  readonly closed: Promise<number>;
  private isClosed = false;

  private constructor(private readonly socket: WebSocket) {
    socket.on('message', (data: Buffer) => {
      const { event, data: body } = JSON.parse(data.toString()) as WsMessage;
      this.messages.push({ event, data: body, size: data.length, receivedAt: Date.now() });
    });
    // Errors end in a close, which is what the tests look at.
    socket.on('error', () => undefined);
    this.closed = new Promise((resolve) =>
      socket.on('close', (code) => {
        this.isClosed = true;
        resolve(code);
      }),
    );
  }

  static open(url: string): Promise<WsClient> {
    const socket = new WebSocket(url);
    const client = new WsClient(socket);
    return new Promise((resolve, reject) => {
      socket.on('open', () => resolve(client));
      void client.closed.then((code) => reject(new Error(`${url} closed before it opened (${code})`)));
    });
  }

  get open(): boolean {
    return !this.isClosed && this.socket.readyState === 1;
  }

  /** The data of every message of one event, in order. */
  events(event: string): WsMessage['data'][] {
    return this.messages.filter((message) => message.event === event).map((message) => message.data);
  }

  /** Waits for the first message of `event` after the first `skip` messages. */
  next(event: string, skip = this.messages.length): Promise<WsMessage> {
    return eventually(() => {
      const found = this.messages.slice(skip).find((message) => message.event === event);
      if (!found) throw new Error(`no ${event} message after the first ${skip}`);
      return found;
    });
  }

  /** Every trade id received in `transactions`, in order. */
  itemIds(): string[] {
    return this.events('transactions').flatMap((data: { items: { id: string }[] }) =>
      data.items.map((item) => item.id),
    );
  }

  send(data: string | Buffer): void {
    this.socket.send(data);
  }

  /** Stops reading from the network, as a client too slow to keep up. */
  pause(): void {
    (this.socket as unknown as { _socket: Socket })._socket.pause();
  }

  resume(): void {
    (this.socket as unknown as { _socket: Socket })._socket.resume();
  }

  close(): void {
    this.socket.terminate();
  }
}
