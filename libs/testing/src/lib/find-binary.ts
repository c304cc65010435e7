import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';

export const NATS_SERVER_NOT_FOUND =
  'nats-server not found on PATH: run `npm test` (it installs it) or set NATS_SERVER_BIN';

function isExecutableFile(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/**
 * The nats-server executable to run: `binary ?? $NATS_SERVER_BIN ?? 'nats-server'`, a bare name
 * being looked up on PATH. Throws a clear error when there is no such executable.
 */
export function findNatsServerBinary(binary?: string): string {
  const fromEnv = process.env['NATS_SERVER_BIN'];
  const requested = binary ?? fromEnv ?? 'nats-server';
  const source = binary !== undefined ? 'options.binary' : fromEnv !== undefined ? 'NATS_SERVER_BIN' : 'default';

  if (requested.includes('/')) {
    const path = resolve(requested);
    if (isExecutableFile(path)) return path;
    throw new Error(`${source} ${path} is not an executable file; ${NATS_SERVER_NOT_FOUND}`);
  }

  for (const dir of (process.env['PATH'] ?? '').split(delimiter)) {
    if (dir === '') continue;
    const candidate = join(dir, requested);
    if (isExecutableFile(candidate)) return candidate;
  }
  if (requested === 'nats-server') throw new Error(NATS_SERVER_NOT_FOUND);
  throw new Error(`${source} ${requested} is not on PATH; ${NATS_SERVER_NOT_FOUND}`);
}
