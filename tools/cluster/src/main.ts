// `npm run cluster`: tradeflow on a three-node JetStream cluster on loopback. The nodes come from
// libs/testing's startNatsCluster, the very code the cluster test suites run, configured from the
// one template docker/nats/cluster-node.conf; here with fixed ports, stores kept in .data/cluster,
// and each app admitted as its own user (docker/nats/authorization.conf), as with npm start.
import { execFileSync } from 'node:child_process';
import { join, relative } from 'node:path';
import { type NatsClusterHandle, startNatsCluster, workspaceRoot } from '@tradeflow/testing';
import { AppInstance } from './app-instance';
import { clusterLayout, type ClusterLayout, portsOf } from './layout';
import { type NatsUsers, natsUsers } from './nats-users';
import { parseOptions, USAGE, UsageError } from './options';
import { takenPorts } from './ports';
import { syncAlwaysSetting } from './sync-always';

/** Long enough for a restarted cluster to elect every R3 stream's leader, on a slow machine. */
const HEALTHY_WITHIN_MS = 120_000;

const say = (line: string) => console.log(`[cluster] ${line}`);

const root = workspaceRoot();
const storeRoot = join(root, '.data', 'cluster');
const shown = (path: string) => relative(root, path);
const apps: AppInstance[] = [];
let cluster: Promise<NatsClusterHandle | undefined> = Promise.resolve(undefined);
let launched = false;
let stopping = false;

/** Apps first, as they drain their connections to the nodes, then the nodes. */
async function stop(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  say('stopping: the apps (they drain), then the nodes');
  await Promise.all(apps.map(async (app) => say(`${app.layout.name} ${await app.stop()}`)));
  await (await cluster.catch(() => undefined))?.stop();
  say('stopped');
  process.exit(code);
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  if (options.help) {
    console.log(USAGE);
    return;
  }
  const users = natsUsers(root);
  const layout = clusterLayout(options, users.passwords);
  const taken = await takenPorts(portsOf(layout));
  if (taken.length > 0) {
    throw new Error(
      `port ${taken.join(', ')} already in use (npm start, or another npm run cluster?): stop what listens there, or choose other --nats-ports`,
    );
  }
  const sync = syncAlwaysSetting(options.syncAlways);
  if (sync.notice) say(sync.notice);

  // What it runs and no more (stats serves the dashboard's build): a tool under work elsewhere in
  // the workspace, failing its build, does not stop the cluster.
  say('building the apps');
  const build = [
    'nx',
    'run-many',
    '-t',
    'build',
    '-p',
    'ingest',
    'process',
    'stats',
    'dashboard',
    '--output-style=static',
  ];
  try {
    execFileSync('npx', build, { cwd: root, stdio: 'inherit' });
  } catch {
    throw new Error(`the apps did not build (npx ${build.join(' ')}): nx says why above`);
  }

  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void stop(0));
  // Were the tool to die another way, its apps (process groups of their own) must not outlive it.
  process.on('exit', () => apps.forEach((app) => app.kill()));

  launched = true;
  cluster = startNatsCluster({
    storeRoot,
    clientPorts: layout.nodes.map((node) => node.clientPort),
    clusterPorts: layout.nodes.map((node) => node.clusterPort),
    monitorPorts: layout.nodes.map((node) => node.monitorPort),
    syncAlways: sync.syncAlways,
    logToFiles: true,
    stoppedByCaller: true,
    authorization: users.authorization,
  });
  await cluster;
  if (stopping) return;
  say(`JetStream cluster of ${layout.nodes.map((node) => node.name).join(', ')} answering on ${layout.natsUrl}`);
  await startApps(layout);
  if (!stopping) ready(layout, users, sync.notice);
}

async function startApps(layout: ClusterLayout): Promise<void> {
  for (const instance of layout.apps) {
    const app = new AppInstance(instance, root, join(storeRoot, `${instance.name}.log`));
    apps.push(app);
    app.start((how) => {
      if (stopping) return;
      say(`${instance.name} exited (${how}); its log ends:\n${app.logTail()}`);
      void stop(1);
    });
  }
  say(`started ${apps.map((app) => app.layout.name).join(', ')}; waiting for each /health to answer 200`);
  await Promise.all(apps.map((app) => app.healthy(HEALTHY_WITHIN_MS, () => stopping)));
}

function ready(layout: ClusterLayout, users: NatsUsers, syncNotice: string | undefined): void {
  const width = Math.max(...layout.apps.map((app) => app.name.length));
  say('ready:');
  for (const node of layout.nodes) {
    const monitor = `monitoring http://127.0.0.1:${node.monitorPort}`;
    say(`  ${node.name.padEnd(width)}  ${node.url}  (cluster port ${node.clusterPort}, ${monitor})`);
  }
  for (const app of layout.apps) say(`  ${app.name.padEnd(width)}  ${app.url}  ${app.what}`);
  say(`  NATS_URL=${layout.natsUrl}  JS_REPLICAS=3`);
  say(`users and permissions in ${shown(users.configFile)}, the apps' passwords in ${shown(users.credentialsFile)}`);
  say('without credentials a client may only submit (tx.submit) and read');
  say(`stores in ${shown(storeRoot)}/n1..n${layout.nodes.length}; logs in ${shown(storeRoot)}/<name>.log`);
  if (syncNotice) say(syncNotice);
  say('Ctrl-C stops everything');
}

main().catch((error: unknown) => {
  if (error instanceof UsageError) {
    console.error(`[cluster] ${error.message}\n[cluster] npm run cluster -- --help says how`);
    process.exit(2);
  }
  console.error(`[cluster] ${error instanceof Error ? error.message : String(error)}`);
  if (launched) void stop(1);
  else process.exit(1);
});
