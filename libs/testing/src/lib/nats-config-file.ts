import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { removeOnHostExit } from './child-reaper';

/**
 * Writes `contents` to a file `name` that only its owner may read, in a temporary directory of its
 * own removed when the host process ends: a key, a creds file, a server's configuration.
 */
export async function privateFile(name: string, contents: string): Promise<string> {
  const directory = await mkdtemp(join(tmpdir(), 'tradeflow-'));
  removeOnHostExit(directory);
  const file = join(directory, name);
  await writeFile(file, contents, { mode: 0o600 });
  return file;
}

/**
 * nats-server configuration (users, TLS, operator mode: see createNkeyUser, createJwtAccount,
 * createTlsFiles) in a file for StartNatsServerOptions.configFile.
 */
export const natsConfigFile = (...parts: string[]): Promise<string> =>
  privateFile('nats-server.conf', parts.join('\n'));

/** Configuration that admits one user with this password. */
export const passwordUserConfig = (user: string, password: string): string =>
  `authorization { user: ${JSON.stringify(user)}, password: ${JSON.stringify(password)} }\n`;
