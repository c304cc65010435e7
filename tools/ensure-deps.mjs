// Installs what the project needs and is missing: npm dependencies, nats-server from Debian's
// packages, and the Node 24 that `npm test` runs some suites on. Plain Node with no dependencies,
// since it runs before `npm ci`.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

const run = (command, args, cwd = root) => {
  console.log(`> ${command} ${args.join(' ')}`);
  execFileSync(command, args, { cwd, stdio: 'inherit' });
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

/** The Node 24 release `npm test` proves the code on, beside the Node that runs it. */
export const NODE_24 = '24.21.0';

const versionOf = (binary) => spawnSync(binary, ['--version'], { encoding: 'utf8' }).stdout?.trim();

/**
 * The path of a Node 24 binary: the npm registry's `node` package, which brings the official
 * build for this platform, installed in a cache folder outside the workspace when missing. Its
 * install script is allowed by name and version in that folder's own package.json.
 */
export function ensureNode24() {
  const folder = join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'tradeflow', `node-${NODE_24}`);
  const binary = join(folder, 'node_modules', '.bin', 'node');
  if (versionOf(binary) === `v${NODE_24}`) return binary;
  mkdirSync(folder, { recursive: true });
  const manifest = { private: true, dependencies: { node: NODE_24 }, allowScripts: { [`node@${NODE_24}`]: true } };
  writeFileSync(join(folder, 'package.json'), JSON.stringify(manifest, null, 2));
  run('npm', ['install', '--no-audit', '--no-fund'], folder);
  const installed = versionOf(binary);
  if (installed !== `v${NODE_24}`) throw new Error(`${binary} says ${installed ?? 'nothing'}, not v${NODE_24}`);
  return binary;
}

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
