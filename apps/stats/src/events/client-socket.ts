/** What the gateway uses of a `ws` WebSocket (the package ships no types, and needs none here). */
export interface ClientSocket {
  readonly readyState: number;
  /** Bytes accepted by send() and not yet written to the network. */
  readonly bufferedAmount: number;
  send(data: Buffer, options: { binary: boolean }): void;
  close(code?: number, reason?: string): void;
  once(event: 'close', listener: () => void): unknown;
}

export const OPEN = 1;
/** The server is going away: shutting down. */
export const GOING_AWAY = 1001;
