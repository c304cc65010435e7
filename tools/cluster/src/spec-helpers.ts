// docker/ as the consistency specs read it: there is no Docker engine where the tests run, so the
// compose file, the Dockerfile and the monitoring configuration are checked against the templates,
// the apps' sources and the running apps instead.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { NatsEnvironment } from '@tradeflow/nats';
import { findNatsServerBinary, workspaceRoot } from '@tradeflow/testing';
import * as ts from 'typescript';
import { parse } from 'yaml';
import type { AppName } from './layout';

export interface Service {
  image?: string;
  command?: string[];
  volumes?: string[];
  environment?: Record<string, string>;
  build?: { context: string; dockerfile: string; args?: Record<string, string> };
  depends_on?: string[];
  ports?: string[];
}

export const APP_NAMES: AppName[] = ['ingest', 'process', 'stats'];
export const root = workspaceRoot();
export const docker = join(root, 'docker');
export const dockerFile = (path: string) => readFileSync(join(docker, path), 'utf8');

/** docker/compose.yaml's services, with `${NAME:-default}` as compose reads it when NAME is not set. */
export function composeServices(): [string, Service][] {
  const text = dockerFile('compose.yaml').replace(/\$\{[A-Z_]+:-([^}]*)\}/g, '$1');
  // Compose merges `<<:` keys; YAML 1.2 leaves them to the application, so they are asked for.
  return Object.entries((parse(text, { merge: true }) as { services: Record<string, Service> }).services);
}

export const env = (service: Service): Record<string, string> => service.environment ?? {};
export const appOf = (service: Service) => service.build?.args?.['APP'];

/** Where a service mounts a file of docker/: `./prometheus/prometheus.yml` → `/etc/prometheus/prometheus.yml`. */
export function mountOf(service: Service, source: string): string | undefined {
  const volume = service.volumes?.find((mapping) => mapping.split(':')[0] === source);
  return volume?.split(':')[1];
}

/** The docker/ file a service sees at `path`, through its mounts (a file, or a file under a folder). */
export function hostPathOf(service: Service, path: string): string | undefined {
  for (const volume of service.volumes ?? []) {
    const [source, target] = volume.split(':');
    if (!source.startsWith('./')) continue;
    if (path === target || path.startsWith(`${target}/`)) return join(docker, source, path.slice(target.length));
  }
  return undefined;
}

/** What a service publishes, from "[address:]host:container": the host port, and the address unless every one. */
export const published = (service: Service) =>
  (service.ports ?? []).map((mapping) => {
    const parts = mapping.split(':');
    return parts.length === 3 ? `${parts[0]}:${parts[1]}` : parts[0];
  });

/** The $NAMEs a configuration file reads from the environment: outside comments and quoted strings. */
export const namesIn = (file: string) => {
  const unquoted = dockerFile(file)
    .replace(/#.*$/gm, '')
    .replace(/"[^"]*"/g, '');
  return [...new Set([...unquoted.matchAll(/\$([A-Z_]+)/g)].map((match) => match[1]))];
};

/** A command line as nats-server reads it (-t: parse the configuration, $NAMEs from the environment, and exit). */
export function serverSays(args: string[], environment: Record<string, string>) {
  const test = spawnSync(findNatsServerBinary(), ['-t', ...args], {
    env: { ...process.env, ...environment },
    encoding: 'utf8',
  });
  return { status: test.status, said: test.stderr.trim() };
}

export interface AppEnvironment {
  /** The class the app's own extends: the shared variables come from it. */
  base: string;
  /** Every variable the app reads. */
  names: string[];
  /** PORT's default. */
  port: number;
}

/**
 * The variables an app reads: NatsEnvironment's, which every app's class extends, and those its
 * own class declares in apps/<app>/src/app/<app>.environment.ts. That one is read as TypeScript
 * source, as tools may not import apps.
 */
export function appEnvironment(app: AppName): AppEnvironment {
  const file = join(root, 'apps', app, 'src/app', `${app}.environment.ts`);
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
  const declared = source.statements.find(ts.isClassDeclaration);
  const properties = declared?.members.filter(ts.isPropertyDeclaration) ?? [];
  const own = Object.fromEntries(
    properties.map((property) => [property.name.getText(), property.initializer?.getText()]),
  );
  return {
    base: declared?.heritageClauses?.[0].types[0].expression.getText() ?? '',
    names: [...new Set([...Object.keys(new NatsEnvironment()), ...Object.keys(own)])],
    port: Number(own['PORT']),
  };
}
