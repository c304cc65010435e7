// Installs what the project needs and is missing: npm dependencies, and nats-server from Debian's
// packages. Plain Node with no dependencies, since it runs before `npm ci`.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

const run = (command, args) => {
  console.log(`> ${command} ${args.join(' ')}`);
  execFileSync(command, args, { cwd: root, stdio: 'inherit' });
};

const onPath = (command) => spawnSync('sh', ['-c', `command -v ${command}`]).status === 0;

/**
 * Installs the lock file's versions when node_modules is missing or older than the lock file.
 * `npm install`, not `npm ci`: npm 11's ci refuses this lock over optional platform packages it
 * never lists (sass-embedded's), while install reads the same lock and leaves it unchanged.
 */
export function ensureNodeModules() {
  const installed = `${root}/node_modules/.package-lock.json`;
  if (existsSync(installed) && statSync(installed).mtimeMs >= statSync(`${root}/package-lock.json`).mtimeMs) return;
  run('npm', ['install', '--no-audit', '--no-fund']);
}

/** A Debian package's command, installed with apt-get when it is not on PATH. */
export function ensureDebianCommand(command, pkg, why) {
  if (onPath(command)) return;
  if (process.getuid?.() !== 0 || !onPath('apt-get')) {
    throw new Error(`${command} is not on PATH (${why}). Install the Debian package '${pkg}', or see README.md.`);
  }
  run('apt-get', ['update', '-qq']);
  run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', pkg]);
}

export const ensureNatsServer = () =>
  ensureDebianCommand('nats-server', 'nats-server', 'needed to run a local JetStream');

// `node tools/ensure-deps.mjs [--nats-server]`: npm scripts' first step (`npm run cluster` needs nats-server too).
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    ensureNodeModules();
    if (process.argv.includes('--nats-server')) ensureNatsServer();
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }
}
