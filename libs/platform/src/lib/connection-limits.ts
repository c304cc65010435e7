import type { Server } from 'node:http';

export interface ConnectionLimits {
  /** From a request's first byte (or the connection's opening) to the end of its headers. */
  headersTimeoutMs: number;
  /** From a request's first byte to the end of its body. */
  requestTimeoutMs: number;
  /** How long a kept-alive connection may wait for its next request. */
  keepAliveTimeoutMs: number;
  /** Open connections at most, WebSockets included; one more is closed at once. */
  maxConnections: number;
}

/** Node checks the two request timeouts this often at most, instead of every 30 s. */
const MAX_CHECK_INTERVAL_MS = 1000;

/**
 * Bounds what a slow or idle client can hold: a connection that trickles its headers or body, or
 * that sends nothing, is answered 408 and closed, an idle kept-alive one closed (Node waits a
 * second more than the Keep-Alive header says, so that the client closes first). An upgraded
 * connection (a WebSocket) is left to its own library. Before listen: Node starts its checks then.
 */
export function limitConnections(server: Server, limits: ConnectionLimits): void {
  server.headersTimeout = limits.headersTimeoutMs;
  server.requestTimeout = limits.requestTimeoutMs;
  server.keepAliveTimeout = limits.keepAliveTimeoutMs;
  server.maxConnections = limits.maxConnections;
  // A createServer option in Node's typings, read from the server when it starts listening.
  Object.assign(server, {
    connectionsCheckingInterval: Math.min(MAX_CHECK_INTERVAL_MS, limits.headersTimeoutMs, limits.requestTimeoutMs),
  });
}
