// `npm start`: the whole system on this machine. Installs what is missing, starts a local
// JetStream-enabled nats-server (unless NATS_URL names one), builds and starts the apps, says
// where everything listens, and on Ctrl-C stops the apps (they drain) and then the server.
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, openSync } from 'node:fs';
import { connect } from 'node:net';
import { fileURLToPath } from 'node:url';
import { ensureNatsServer, ensureNodeModules } from './ensure-deps.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const APPS = [
  { name: 'ingest', port: 3001, what: 'POST /transactions, POST /transactions/batch' },
  { name: 'stats', port: 3002, what: 'dashboard at /, WebSocket at /ws' },
  { name: 'process', port: 3003, what: 'statistics fold' },
];
const NATS_PORT = 4222;
const children = [];
let stopping = false;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const say = (line) => console.log(`[start] ${line}`);

const portOpen = (port) =>
  new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });

async function waitFor(what, check, seconds) {
  for (let i = 0; i < seconds * 4 && !stopping; i++) {
    if (await check()) return;
    await sleep(250);
  }
  if (!stopping) throw new Error(`${what} not ready after ${seconds} s`);
}

/** Own process group, so a terminal's Ctrl-C reaches this script only: it stops them in order. */
function launch(name, command, args, { env = {}, output = 'inherit' } = {}) {
  const child = spawn(command, args, {
    cwd: root,
    detached: true,
    env: { ...process.env, ...env },
    stdio: ['ignore', output, output],
  });
  child.label = name;
  child.once('exit', (code, signal) => {
    if (!stopping) {
      say(`${name} exited (${signal ?? code}); stopping everything`);
      void stop(1);
    }
  });
  children.push(child);
  return child;
}

async function terminate(child) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  if (await Promise.race([exited.then(() => true), sleep(15_000).then(() => false)])) return;
  say(`${child.label} did not stop in 15 s; killing it`);
  child.kill('SIGKILL');
  await exited;
}

async function stop(code) {
  if (stopping) return;
  stopping = true;
  say('stopping');
  const [server, ...apps] = children[0]?.label === 'nats-server' ? children : [undefined, ...children];
  await Promise.all(apps.map(terminate));
  if (server) await terminate(server);
  say('stopped');
  process.exit(code);
}

async function main() {
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));
  ensureNodeModules();
  let natsUrl = process.env.NATS_URL;
  if (!natsUrl) {
    ensureNatsServer();
    if (await portOpen(NATS_PORT)) {
      throw new Error(`port ${NATS_PORT} is taken: stop what listens there, or set NATS_URL to use it`);
    }
    const store = `${root}/.data/nats`;
    mkdirSync(store, { recursive: true });
    const log = openSync(`${root}/.data/nats-server.log`, 'a');
    launch('nats-server', 'nats-server', ['-js', '-a', '127.0.0.1', '-p', String(NATS_PORT), '-sd', store], {
      output: log,
    });
    await waitFor('nats-server', () => portOpen(NATS_PORT), 30);
    natsUrl = `nats://127.0.0.1:${NATS_PORT}`;
    say(`nats-server with JetStream on ${natsUrl}: store in .data/nats, log in .data/nats-server.log`);
  }
  say('building the apps');
  execFileSync('npx', ['nx', 'run-many', '-t', 'build', '--output-style=static'], { cwd: root, stdio: 'inherit' });
  for (const app of APPS) {
    launch(app.name, process.execPath, [`dist/apps/${app.name}/main.js`], {
      env: {
        NATS_URL: natsUrl,
        PORT: String(app.port),
        // ingest's rate limits, on with their generous defaults unless the environment says otherwise.
        RATE_LIMIT: process.env.RATE_LIMIT || 'on',
      },
    });
  }
  for (const app of APPS) {
    await waitFor(
      app.name,
      () =>
        fetch(`http://127.0.0.1:${app.port}/health`).then(
          (r) => r.ok,
          () => false,
        ),
      60,
    );
  }
  say('ready:');
  for (const app of APPS) say(`  ${app.name.padEnd(8)} http://127.0.0.1:${app.port}  ${app.what}`);
  say(`  nats     ${natsUrl}  nats pub tx.submit '{...}'`);
  say('Ctrl-C stops everything');
}

main().catch((error) => {
  console.error(`[start] ${error.message}`);
  void stop(1);
});
