import type { ConnectionOptions } from 'nats';
import type { JetStreamResources, RequiredResources } from './resources';

export const NATS_OPTIONS = Symbol('NATS_OPTIONS');

export interface NatsOptions {
  /** The connection's name, as the server's monitoring shows it: the app's name. */
  name: string;
  /** Where the servers are and how to authenticate: from natsConnectionOptions. */
  connection: ConnectionOptions;
  /** The servers as logs and /health show them, without secrets (`nats://user:***@host`). */
  shownServers: string;
  /** What this app creates at start and after every reconnect. */
  owns: JetStreamResources;
  /** What other apps create and this one waits for. */
  requires: RequiredResources;
}
