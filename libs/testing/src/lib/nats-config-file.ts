import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { removeOnHostExit } from './child-reaper';

/**
 * Writes nats-server configuration (users, TLS, operator mode: see createNkeyUser, createJwtAccount,
 * createTlsFiles) to a file of its own for StartNatsServerOptions.configFile; removed when the host
 * process ends.
 */
export async function natsConfigFile(...parts: string[]): Promise<string> {
  const directory = await mkdtemp(join(tmpdir(), 'tradeflow-nats-config-'));
  removeOnHostExit(directory);
  const file = join(directory, 'nats-server.conf');
  await writeFile(file, parts.join('\n'), { mode: 0o600 });
  return file;
}

/** Configuration that admits one user with this password. */
export const passwordUserConfig = (user: string, password: string): string =>
  `authorization { user: ${JSON.stringify(user)}, password: ${JSON.stringify(password)} }\n`;
