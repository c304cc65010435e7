// There is no Docker engine where the tests run, so docker/compose.cluster.yaml is checked for
// consistency instead: the nodes' environment against the template's $NAMEs, the routes against
// the cluster ports, the apps' NATS_URL against the nodes, the images against apps/.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
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
// Compose merges `<<:` keys; YAML 1.2 leaves them to the application, so they are asked for.
const compose = parse(readFileSync(join(docker, 'compose.cluster.yaml'), 'utf8'), { merge: true }) as {
  services: Record<string, Service>;
};
const template = readFileSync(join(docker, 'nats/cluster-node.conf'), 'utf8');
const services = Object.entries(compose.services);
const nodes = services.filter(([, service]) => service.image?.startsWith('nats:'));
const apps = services.filter(([, service]) => service.build);
const env = (service: Service): Record<string, string> => service.environment ?? {};
/** The host ports a service publishes, from "host:container". */
const published = (service: Service) => (service.ports ?? []).map((mapping) => Number(mapping.split(':')[0]));

describe('docker/compose.cluster.yaml', () => {
  it('has three nats:2.10 nodes, each running the one template, mounted read-only', () => {
    expect(nodes.map(([name]) => name)).toEqual(['n1', 'n2', 'n3']);
    for (const [, node] of nodes) {
      expect(node.image).toBe('nats:2.10');
      const config = node.command?.[node.command.indexOf('-c') + 1];
      expect(node.command).toContain('-c');
      expect(node.volumes).toContain(`./nats/cluster-node.conf:${config}:ro`);
      expect(existsSync(resolve(docker, 'nats/cluster-node.conf'))).toBe(true);
    }
  });

  it('gives every node each $NAME the template uses, and a store on a volume of its own', () => {
    const uncommented = template.replace(/#.*$/gm, '');
    const names = [...new Set([...uncommented.matchAll(/\$([A-Z_]+)/g)].map((match) => match[1]))];
    expect(names.sort()).toEqual(['CLIENT_PORT', 'CLUSTER_PORT', 'HOST', 'NODE_NAME', 'ROUTES', 'STORE_DIR']);
    for (const [name, node] of nodes) {
      expect(Object.keys(env(node)).sort()).toEqual(names.sort());
      expect(env(node)['NODE_NAME']).toBe(name);
      expect(env(node)['HOST']).toBe('0.0.0.0');
      expect(node.volumes).toContain(`${name}-data:${env(node)['STORE_DIR']}`);
      expect(published(node)).toEqual([Number(env(node)['CLIENT_PORT'])]);
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
    const binary = findNatsServerBinary();
    for (const [, node] of nodes) {
      // -t: parse the configuration, $NAMEs filled in from the environment, and exit.
      const test = spawnSync(binary, ['-t', '-c', join(docker, 'nats/cluster-node.conf')], {
        env: { ...process.env, ...env(node) },
        encoding: 'utf8',
      });
      expect({ status: test.status, said: test.stderr.trim() }).toEqual({
        status: 0,
        said: expect.stringMatching(/is valid$/),
      });
    }
  });

  it('runs ingest ×2, process ×2 and stats ×1, each connected to all three nodes with JS_REPLICAS=3', () => {
    const clientUrls = nodes.map(([name, node]) => `nats://${name}:${env(node)['CLIENT_PORT']}`);
    const count = (app: string) => apps.filter(([, service]) => service.build?.args?.['APP'] === app).length;
    expect({ ingest: count('ingest'), process: count('process'), stats: count('stats') }).toEqual({
      ingest: 2,
      process: 2,
      stats: 1,
    });
    for (const [, app] of apps) {
      expect(env(app)['NATS_URL'].split(',').sort()).toEqual(clientUrls.sort());
      expect(env(app)['JS_REPLICAS']).toBe('3');
      expect(app.depends_on?.sort()).toEqual(['n1', 'n2', 'n3']);
      expect(published(app)).toEqual([Number(env(app)['PORT'])]);
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
    const ports = services.flatMap(([, service]) => published(service));
    expect(new Set(ports).size).toBe(ports.length);
  });
});
