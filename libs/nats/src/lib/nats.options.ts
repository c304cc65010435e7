import type { JetStreamResources, RequiredResources } from './resources';

export const NATS_OPTIONS = Symbol('NATS_OPTIONS');

export interface NatsOptions {
  /** The connection's name, as the server's monitoring shows it: the app's name. */
  name: string;
  servers: string[];
  /** What this app creates at start and after every reconnect. */
  owns: JetStreamResources;
  /** What other apps create and this one waits for. */
  requires: RequiredResources;
}
