export { freePort } from './lib/free-port';
export { startNatsServer, type NatsServerHandle, type StartNatsServerOptions } from './lib/nats-server';
