// docker/compose.yaml's NATS cluster and apps, for consistency (no Docker engine runs the tests):
// the nodes' environment against the templates' $NAMEs, their command lines as nats-server reads
// them, the routes against the cluster ports, the apps' NATS_URL against the nodes and the users,
// their environment against the variables each app reads, the published ports.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  APP_NAMES,
  appEnvironment,
  appOf,
  composeServices,
  docker,
  dockerFile,
  env,
  hostPathOf,
  namesIn,
  published,
  root,
  serverSays,
  type Service,
} from './spec-helpers';

const services = composeServices();
const nodes = services.filter(([, service]) => service.image?.startsWith('nats:'));
const apps = services.filter(([, service]) => service.build);
const passwordNames = namesIn('nats/authorization.conf');
/** The users an app's NATS_URL logs in as, each server's: `ingest:<password>@n1:4222`. */
const logins = (app: Service) =>
  env(app)
    ['NATS_URL'].split(',')
    .map((url) => url.replace(/^nats:\/\//, ''));
const passwordOf = (node: Service, user: string) => env(node)[`NATS_${user.toUpperCase()}_PASSWORD`];
/** A node's command line with the configuration file it names as this machine's copy. */
const hostCommand = (node: Service) => (node.command ?? []).map((arg) => hostPathOf(node, arg) ?? arg);

describe('docker/compose.yaml: the NATS cluster', () => {
  it('has three nats:2.10 nodes, each running the one template, mounted read-only with the users it includes beside it', () => {
    expect(nodes.map(([name]) => name)).toEqual(['n1', 'n2', 'n3']);
    expect(dockerFile('nats/cluster-node.conf')).toMatch(/^include \.\/authorization\.conf$/m);
    for (const [, node] of nodes) {
      expect(node.image).toBe('nats:2.10');
      const config = node.command?.[node.command.indexOf('-c') + 1] ?? '-';
      expect(hostPathOf(node, config)).toBe(join(docker, 'nats/cluster-node.conf'));
      expect(node.volumes).toContain(`./nats/cluster-node.conf:${config}:ro`);
      expect(node.volumes).toContain(`./nats/authorization.conf:${resolve(config, '../authorization.conf')}:ro`);
    }
  });

  it('gives every node each $NAME the template and the users use, a store on a volume of its own, and its client port on 127.0.0.1 only', () => {
    const names = namesIn('nats/cluster-node.conf');
    expect(names.sort()).toEqual(['CLIENT_PORT', 'CLUSTER_PORT', 'HOST', 'NODE_NAME', 'ROUTES', 'STORE_DIR']);
    expect(passwordNames.sort()).toEqual([
      'NATS_INGEST_PASSWORD',
      'NATS_PROCESS_PASSWORD',
      'NATS_STATS_PASSWORD',
      'NATS_VERIFY_PASSWORD',
    ]);
    for (const [name, node] of nodes) {
      expect(Object.keys(env(node)).sort()).toEqual([...names, ...passwordNames].sort());
      expect(env(node)['NODE_NAME']).toBe(name);
      expect(env(node)['HOST']).toBe('0.0.0.0');
      expect(node.volumes).toContain(`${name}-data:${env(node)['STORE_DIR']}`);
      expect(published(node)).toEqual([`127.0.0.1:${env(node)['CLIENT_PORT']}`]);
    }
  });

  it("routes every node to the other two nodes' cluster ports", () => {
    for (const [name, node] of nodes) {
      const routes = /^\[(.*)\]$/
        .exec(env(node)['ROUTES'])?.[1]
        .split(',')
        .map((route) => route.trim());
      const others = nodes.filter(([other]) => other !== name);
      expect(routes?.sort()).toEqual(
        others.map(([other, service]) => `nats-route://${other}:${env(service)['CLUSTER_PORT']}`).sort(),
      );
    }
  });

  it("is a command line nats-server accepts with each node's environment, monitoring on 8222 (not published)", () => {
    for (const [, node] of nodes) {
      expect(node.command?.join(' ')).toMatch(/ -m 8222$/);
      expect(serverSays(hostCommand(node), env(node))).toEqual({
        status: 0,
        said: expect.stringMatching(/is valid$/),
      });
    }
  });
});

describe('docker/compose.yaml: the apps', () => {
  const environments = Object.fromEntries(APP_NAMES.map((app) => [app, appEnvironment(app)]));

  it('runs ingest ×2, process ×2 and stats ×2, each logged in to all three nodes as its own user, with JS_REPLICAS=3', () => {
    const count = (app: string) => apps.filter(([, service]) => appOf(service) === app).length;
    expect(APP_NAMES.map((app) => [app, count(app)])).toEqual([
      ['ingest', 2],
      ['process', 2],
      ['stats', 2],
    ]);
    for (const [, app] of apps) {
      const user = appOf(app) ?? '-';
      const expected = nodes.map(
        ([name, node]) => `${user}:${passwordOf(node, user)}@${name}:${env(node)['CLIENT_PORT']}`,
      );
      expect(logins(app).sort()).toEqual(expected.sort());
      expect(env(app)['JS_REPLICAS']).toBe('3');
      expect(app.depends_on?.sort()).toEqual(['n1', 'n2', 'n3']);
    }
  });

  it("sets only variables the app reads (its environment class's, parsed from apps/<app>/src/app/<app>.environment.ts)", () => {
    for (const app of APP_NAMES) {
      expect(environments[app].base).toBe('NatsEnvironment');
      expect(environments[app].names).toEqual(expect.arrayContaining(['NATS_URL', 'JS_REPLICAS', 'PORT', 'HOST']));
    }
    for (const [name, service] of apps) {
      const app = appOf(service) as (typeof APP_NAMES)[number];
      expect([name, Object.keys(env(service)).filter((key) => !environments[app].names.includes(key))]).toEqual([
        name,
        [],
      ]);
    }
  });

  it('publishes each instance on 127.0.0.1 at its PORT, the first of each app on its default, the others by tens as npm run cluster does', () => {
    for (const app of APP_NAMES) {
      const ports = apps.filter(([, service]) => appOf(service) === app).map(([, service]) => env(service)['PORT']);
      expect(ports).toEqual([0, 1].map((instance) => String(environments[app].port + 10 * instance)));
    }
    for (const [, app] of apps) {
      expect(app.ports).toEqual([`127.0.0.1:${env(app)['PORT']}:${env(app)['PORT']}`]);
    }
  });

  it('builds every app with docker/Dockerfile and an APP that is a project under apps/', () => {
    for (const [, app] of apps) {
      const context = resolve(docker, app.build?.context ?? '');
      expect(context).toBe(root);
      expect(app.build?.dockerfile).toBe('docker/Dockerfile');
      expect(existsSync(join(root, 'apps', appOf(app) ?? '-', 'project.json'))).toBe(true);
    }
  });

  it('names the process instances apart', () => {
    const ids = apps.filter(([, app]) => appOf(app) === 'process').map(([, app]) => env(app)['INSTANCE_ID']);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).not.toContain(undefined);
  });
});

describe('docker/compose.yaml: the host', () => {
  const ports = services.flatMap(([, service]) => published(service));

  it('publishes everything on 127.0.0.1 only, no host port twice', () => {
    expect(ports.length).toBeGreaterThan(0);
    for (const port of ports) expect(port).toMatch(/^127\.0\.0\.1:\d+$/);
    expect(new Set(ports).size).toBe(ports.length);
  });

  it('lists every published port in its header', () => {
    const header = /^(#.*\n)+/.exec(dockerFile('compose.yaml'))?.[0] ?? '';
    for (const port of ports) expect(header).toMatch(new RegExp(`\\b${port.split(':')[1]}\\b`));
  });
});
