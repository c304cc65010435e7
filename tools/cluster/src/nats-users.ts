import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AppName } from './layout';

/** The users the nodes admit, as tools/nats-auth.mjs keeps them for this workspace: npm start's too. */
export interface NatsUsers {
  /** The apps' passwords, made once per workspace (verify's is there too, for `npm run verify`). */
  passwords: Record<AppName, string>;
  credentialsFile: string;
  /** docker/nats/authorization.conf with the passwords filled in: what each node's configuration holds. */
  authorization: string;
  configFile: string;
}

/**
 * Asks tools/nats-auth.mjs, the one place that makes the passwords, to write its files under
 * `stateDir` (tmp/nats/), and reads them.
 */
export function natsUsers(root: string, stateDir = root): NatsUsers {
  const script = join(root, 'tools/nats-auth.mjs');
  const said = execFileSync(process.execPath, [script, stateDir], { encoding: 'utf8' });
  const { credentialsFile, configFile } = JSON.parse(said) as { credentialsFile: string; configFile: string };
  return {
    passwords: JSON.parse(readFileSync(credentialsFile, 'utf8')),
    credentialsFile,
    authorization: readFileSync(configFile, 'utf8'),
    configFile,
  };
}
