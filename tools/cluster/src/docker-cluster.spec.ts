// There is no Docker engine where the tests run, so docker/compose.cluster.yaml and
// docker/compose.yaml are checked for consistency instead: the nodes' environment against the
// templates' $NAMEs, the routes against the cluster ports, the apps' NATS_URL against the nodes and
// the users, the published ports, the images against apps/.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { findNatsServerBinary, workspaceRoot } from '@tradeflow/testing';
import { parse } from 'yaml';

interface Service {
  image?: string;
  command?: string[];
  volumes?: string[];
  environment?: Record<string, string>;
  build?: { context: string; dockerfile: string; args?: Record<string, string> };
  depends_on?: string[];
  ports?: string[];
}

const root = workspaceRoot();
const docker = join(root, 'docker');
/** A compose file's services, with `${NAME:-default}` as compose reads it when NAME is not set. */
function servicesOf(file: string): [string, Service][] {
  const text = readFileSync(join(docker, file), 'utf8').replace(/\$\{[A-Z_]+:-([^}]*)\}/g, '$1');
  // Compose merges `<<:` keys; YAML 1.2 leaves them to the application, so they are asked for.
  return Object.entries((parse(text, { merge: true }) as { services: Record<string, Service> }).services);
}
/** The $NAMEs a configuration file reads from the environment: outside comments and quoted strings. */
const namesIn = (file: string) => {
  const unquoted = readFileSync(join(docker, file), 'utf8')
    .replace(/#.*$/gm, '')
    .replace(/"[^"]*"/g, '');
  return [...new Set([...unquoted.matchAll(/\$([A-Z_]+)/g)].map((match) => match[1]))];
};
const template = readFileSync(join(docker, 'nats/cluster-node.conf'), 'utf8');
const passwordNames = namesIn('nats/authorization.conf');
const services = servicesOf('compose.cluster.yaml');
const nodes = services.filter(([, service]) => service.image?.startsWith('nats:'));
const apps = services.filter(([, service]) => service.build);
const env = (service: Service): Record<string, string> => service.environment ?? {};
/** What a service publishes, from "[address:]host:container": the host port, and the address unless every one. */
const published = (service: Service) =>
  (service.ports ?? []).map((mapping) => {
    const parts = mapping.split(':');
    return parts.length === 3 ? `${parts[0]}:${parts[1]}` : parts[0];
  });
/** A configuration file as nats-server reads it (-t: parse it, $NAMEs from the environment, and exit). */
const serverSays = (config: string, environment: Record<string, string>) => {
  const test = spawnSync(findNatsServerBinary(), ['-t', '-c', config], {
    env: { ...process.env, ...environment },
    encoding: 'utf8',
  });
  return { status: test.status, said: test.stderr.trim() };
};
/** The users an app's NATS_URL logs in as, each server's: `ingest:<password>@n1:4222`. */
const logins = (app: Service) =>
  env(app)
    ['NATS_URL'].split(',')
    .map((url) => url.replace(/^nats:\/\//, ''));
const passwordOf = (node: Service, user: string) => env(node)[`NATS_${user.toUpperCase()}_PASSWORD`];

describe('docker/compose.cluster.yaml', () => {
  it('has three nats:2.10 nodes, each running the one template, mounted read-only with the users it includes beside it', () => {
    expect(nodes.map(([name]) => name)).toEqual(['n1', 'n2', 'n3']);
    expect(template).toMatch(/^include \.\/authorization\.conf$/m);
    for (const [, node] of nodes) {
      expect(node.image).toBe('nats:2.10');
      const config = node.command?.[node.command.indexOf('-c') + 1];
      expect(node.command).toContain('-c');
      expect(node.volumes).toContain(`./nats/cluster-node.conf:${config}:ro`);
      expect(node.volumes).toContain(`./nats/authorization.conf:${dirname(config ?? '')}/authorization.conf:ro`);
      expect(existsSync(resolve(docker, 'nats/cluster-node.conf'))).toBe(true);
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

  it("is a configuration nats-server accepts with each node's environment", () => {
    for (const [, node] of nodes) {
      expect(serverSays(join(docker, 'nats/cluster-node.conf'), env(node))).toEqual({
        status: 0,
        said: expect.stringMatching(/is valid$/),
      });
    }
  });

  it('runs ingest ×2, process ×2 and stats ×1, each logged in to all three nodes as its own user, with JS_REPLICAS=3', () => {
    const count = (app: string) => apps.filter(([, service]) => service.build?.args?.['APP'] === app).length;
    expect({ ingest: count('ingest'), process: count('process'), stats: count('stats') }).toEqual({
      ingest: 2,
      process: 2,
      stats: 1,
    });
    for (const [, app] of apps) {
      const user = app.build?.args?.['APP'] ?? '-';
      const expected = nodes.map(
        ([name, node]) => `${user}:${passwordOf(node, user)}@${name}:${env(node)['CLIENT_PORT']}`,
      );
      expect(logins(app).sort()).toEqual(expected.sort());
      expect(env(app)['JS_REPLICAS']).toBe('3');
      expect(app.depends_on?.sort()).toEqual(['n1', 'n2', 'n3']);
      expect(published(app)).toEqual([env(app)['PORT']]);
    }
  });

  it('builds every app with docker/Dockerfile and an APP that is a project under apps/', () => {
    for (const [, app] of apps) {
      const context = resolve(docker, app.build?.context ?? '');
      expect(context).toBe(root);
      expect(app.build?.dockerfile).toBe('docker/Dockerfile');
      expect(existsSync(join(context, 'docker/Dockerfile'))).toBe(true);
      expect(existsSync(join(root, 'apps', app.build?.args?.['APP'] ?? '-', 'project.json'))).toBe(true);
    }
    expect(readFileSync(join(docker, 'Dockerfile'), 'utf8')).toMatch(/^ARG APP$/m);
  });

  it('names the process instances apart, and publishes no host port twice', () => {
    const ids = apps
      .filter(([, app]) => app.build?.args?.['APP'] === 'process')
      .map(([, app]) => env(app)['INSTANCE_ID']);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).not.toContain(undefined);
    const ports = services.flatMap(([, service]) => published(service).map((port) => port.split(':').at(-1)));
    expect(new Set(ports).size).toBe(ports.length);
  });
});

describe('docker/compose.yaml', () => {
  const [nats, ...others] = servicesOf('compose.yaml');
  const [, server] = nats;

  it('runs nats:2.10 with JetStream and the users, mounted read-only, with their passwords in its environment', () => {
    expect(nats[0]).toBe('nats');
    expect(server.image).toBe('nats:2.10');
    const config = server.command?.[server.command.indexOf('-c') + 1];
    expect(server.command).toEqual(expect.arrayContaining(['-js', '-c']));
    expect(server.volumes).toContain(`./nats/authorization.conf:${config}:ro`);
    expect(Object.keys(env(server)).sort()).toEqual(passwordNames.sort());
    expect(serverSays(join(docker, 'nats/authorization.conf'), env(server))).toEqual({
      status: 0,
      said: expect.stringMatching(/is valid$/),
    });
  });

  it('publishes NATS on 127.0.0.1:4222 only, and logs each app in as its own user', () => {
    expect(published(server)).toEqual(['127.0.0.1:4222']);
    expect(others.map(([name]) => name).sort()).toEqual(['ingest', 'process', 'stats']);
    for (const [name, app] of others) {
      expect(app.build?.args?.['APP']).toBe(name);
      expect(logins(app)).toEqual([`${name}:${passwordOf(server, name)}@nats:4222`]);
      expect(published(app)).toEqual([env(app)['PORT']]);
    }
  });
});
