import { readFileSync } from 'node:fs';
import { type ConnectionOptions, credsAuthenticator, nkeyAuthenticator } from 'nats';
import type { NatsEnvironment } from './nats.environment';
import { parseServers } from './server-urls';

/** The variables that say where the servers are and how to authenticate with them. */
export const CONNECTION_VARIABLES = [
  'NATS_URL',
  'NATS_TOKEN',
  'NATS_NKEY_SEED_FILE',
  'NATS_CREDS_FILE',
  'NATS_CA_FILE',
  'NATS_CERT_FILE',
  'NATS_KEY_FILE',
] as const satisfies (keyof NatsEnvironment)[];

export type NatsConnectionEnvironment = Pick<NatsEnvironment, (typeof CONNECTION_VARIABLES)[number]>;

/**
 * nats.js's connect() options for an environment that NatsEnvironment has validated (at most one
 * way to authenticate, readable files). NATS_URL's credentials become the `user` and `pass` (or
 * `token`) options, its URLs are passed without them. The nkey seed and creds files are read at
 * each connect, so a renewed file is used from the next reconnect on; nats.js reads the TLS files
 * itself, at each connect too.
 */
export function natsConnectionOptions(environment: NatsConnectionEnvironment): ConnectionOptions {
  const { servers, tls, credentials } = parseServers(environment.NATS_URL);
  const { NATS_TOKEN, NATS_NKEY_SEED_FILE, NATS_CREDS_FILE, NATS_CA_FILE, NATS_CERT_FILE, NATS_KEY_FILE } = environment;
  const tlsFiles = {
    ...(NATS_CA_FILE && { caFile: NATS_CA_FILE }),
    ...(NATS_CERT_FILE && { certFile: NATS_CERT_FILE }),
    ...(NATS_KEY_FILE && { keyFile: NATS_KEY_FILE }),
  };
  return {
    servers,
    ...credentials,
    ...(NATS_TOKEN && { token: NATS_TOKEN }),
    ...(NATS_NKEY_SEED_FILE && { authenticator: nkeyAuthenticator(() => readSeed(NATS_NKEY_SEED_FILE)) }),
    ...(NATS_CREDS_FILE && { authenticator: credsAuthenticator(() => readFileSync(NATS_CREDS_FILE)) }),
    ...((tls || Object.keys(tlsFiles).length > 0) && { tls: tlsFiles }),
  };
}

/** An nkey seed file's seed, without the line end an editor adds. */
export const readSeed = (file: string): Uint8Array => new TextEncoder().encode(readFileSync(file, 'utf8').trim());
