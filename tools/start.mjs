// `npm start`: the whole system on this machine. Installs what is missing, starts a local
// JetStream-enabled nats-server (unless NATS_URL names one) that admits each app as its own user
// (tools/nats-auth.mjs), builds and starts the apps, says where everything listens, and on Ctrl-C
// stops the apps (they drain) and then the server. The ports, and the folder that holds .data/ and
// tmp/nats/ (the workspace), can be changed from the environment: NATS_PORT, NATS_MONITOR_PORT,
// INGEST_PORT, STATS_PORT, PROCESS_PORT, START_STATE_DIR.
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, openSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureNatsServer, ensureNodeModules } from './ensure-deps.mjs';
import { natsAuthorization, natsUrlAs, shownPath } from './nats-auth.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const portFromEnv = (name, port) => Number(process.env[name] || port);
const APPS = [
  {
    name: 'ingest',
    port: portFromEnv('INGEST_PORT', 3001),
    what: 'POST /transactions, POST /transactions/batch, API docs at /docs',
  },
  { name: 'stats', port: portFromEnv('STATS_PORT', 3002), what: 'dashboard at /, WebSocket at /ws' },
  { name: 'process', port: portFromEnv('PROCESS_PORT', 3003), what: 'statistics fold' },
];
const NATS_PORT = portFromEnv('NATS_PORT', 4222);
/** nats-server's HTTP monitoring (/varz, /jsz, ...), on loopback like its client port. */
const NATS_MONITOR_PORT = portFromEnv('NATS_MONITOR_PORT', 8222);
const stateDir = process.env.START_STATE_DIR || root;
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

/**
 * A local nats-server with JetStream, each app admitted as its own user: returns the NATS_URL
 * each app is to use, by name.
 */
async function startNatsServer() {
  ensureNatsServer();
  if (await portOpen(NATS_PORT)) {
    throw new Error(`port ${NATS_PORT} is taken: stop what listens there, or set NATS_URL to use it`);
  }
  if (await portOpen(NATS_MONITOR_PORT)) {
    throw new Error(`port ${NATS_MONITOR_PORT} is taken: stop what listens there, or set NATS_MONITOR_PORT`);
  }
  const data = join(stateDir, '.data');
  const store = join(data, 'nats');
  mkdirSync(store, { recursive: true });
  const log = openSync(join(data, 'nats-server.log'), 'a');
  const { configFile, credentialsFile, passwords } = natsAuthorization(stateDir);
  // `-a` binds the monitoring port to 127.0.0.1 too.
  const args = [
    ...['-c', configFile, '-js', '-sd', store],
    ...['-a', '127.0.0.1', '-p', String(NATS_PORT), '-m', String(NATS_MONITOR_PORT)],
  ];
  launch('nats-server', 'nats-server', args, { output: log });
  await waitFor('nats-server', () => portOpen(NATS_PORT), 30);
  const address = `127.0.0.1:${NATS_PORT}`;
  say(
    `nats-server with JetStream on nats://${address}: store in ${shownPath(store)}, log in ${shownPath(join(data, 'nats-server.log'))}`,
  );
  say(`its users and permissions in ${shownPath(configFile)}, the apps' passwords in ${shownPath(credentialsFile)}`);
  return Object.fromEntries(APPS.map((app) => [app.name, natsUrlAs(app.name, passwords[app.name], address)]));
}

async function main() {
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));
  ensureNodeModules();
  const external = process.env.NATS_URL;
  const natsUrls = external ? undefined : await startNatsServer();
  say('building the apps');
  execFileSync('npx', ['nx', 'run-many', '-t', 'build', '--output-style=static'], { cwd: root, stdio: 'inherit' });
  for (const app of APPS) {
    launch(app.name, process.execPath, [`dist/apps/${app.name}/main.js`], {
      env: {
        NATS_URL: natsUrls?.[app.name] ?? external,
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
  // A password in NATS_URL is not printed.
  const shown = external?.replace(/\/\/[^/@]*@/g, '//***@') ?? `nats://127.0.0.1:${NATS_PORT}`;
  say(`  nats     ${shown}  nats pub tx.submit '{...}' (without credentials: submit and read only)`);
  if (!external)
    say(`  monitor  http://127.0.0.1:${NATS_MONITOR_PORT}  nats-server's /varz, /jsz, /connz (loopback only)`);
  say('Ctrl-C stops everything');
}

main().catch((error) => {
  console.error(`[start] ${error.message}`);
  void stop(1);
});
