import { connect, type NatsConnection } from 'nats';

/**
 * A baseline's NATS connection, with the option of the apps' connections that changes what a
 * request costs (no async traces): a ratio then measures what the apps do beyond the baseline.
 */
export const connectBaseline = (name: string): Promise<NatsConnection> =>
  connect({ servers: process.env['NATS_URL'], name, noAsyncTraces: true });
