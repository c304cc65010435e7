// docker/Dockerfile and .dockerignore, for consistency (no Docker engine runs the tests): the
// stages, what the final one holds and runs as, and its HEALTHCHECK, run against a built app on a
// real nats-server.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  type AppProcess,
  eventually,
  freePort,
  type NatsServerHandle,
  spawnApp,
  startNatsServer,
  untilHealthy,
} from '@tradeflow/testing';
import { APP_NAMES, appEnvironment, dockerFile, root } from './spec-helpers';

interface Instruction {
  keyword: string;
  args: string;
}

/** The Dockerfile's stages, each its instructions from its FROM on (comments left out). */
function stages(): Instruction[][] {
  const instructions = dockerFile('Dockerfile')
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.startsWith('#'))
    .map((line) => {
      const [keyword, ...args] = line.trim().split(/\s+/);
      return { keyword: keyword.toUpperCase(), args: args.join(' ') };
    });
  return instructions.reduce<Instruction[][]>((all, instruction) => {
    if (instruction.keyword === 'FROM') all.push([]);
    all.at(-1)?.push(instruction);
    return all;
  }, []);
}

const allStages = stages();
const final = allStages.at(-1) ?? [];
const argsOf = (stage: Instruction[], keyword: string) =>
  stage.filter((instruction) => instruction.keyword === keyword).map((instruction) => instruction.args);
/** `COPY --from=x a b` → { from: 'x', sources: ['a'], target: 'b' }. */
const copies = (stage: Instruction[]) =>
  argsOf(stage, 'COPY').map((args) => {
    const words = args.split(' ');
    const from = words.find((word) => word.startsWith('--from='))?.slice('--from='.length);
    const paths = words.filter((word) => !word.startsWith('--'));
    return { from, sources: paths.slice(0, -1), target: paths.at(-1) ?? '' };
  });
const stageNamed = (name: string) => allStages.find((stage) => stage[0].args.endsWith(` AS ${name}`)) ?? [];
const healthcheck = argsOf(final, 'HEALTHCHECK')[0] ?? '';
/** The HEALTHCHECK's command, from its exec form. */
const healthcheckCommand = JSON.parse(/CMD (\[.*\])$/.exec(healthcheck)?.[1] ?? '[]') as string[];

/** Runs the HEALTHCHECK's command as the container would, in the workspace; its exit status. */
function runHealthcheck(environment: Record<string, string>): Promise<number | null> {
  const [command, ...args] = healthcheckCommand;
  expect(command).toBe('node');
  const child = spawn(process.execPath, args, { cwd: root, env: { ...process.env, ...environment }, stdio: 'ignore' });
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

describe('docker/Dockerfile', () => {
  it('builds every stage on node:24-bookworm-slim', () => {
    expect(allStages.length).toBeGreaterThanOrEqual(2);
    for (const stage of allStages) expect(stage[0].args).toMatch(/^node:24-bookworm-slim( AS [\w-]+)?$/);
  });

  it('ends with the production dependencies only, the built apps, as the user node', () => {
    const fromStages = copies(final).filter((copy) => copy.from !== undefined);
    const modules = fromStages.find((copy) => copy.target === 'node_modules');
    expect(modules?.from).toBeDefined();
    expect(argsOf(stageNamed(modules?.from ?? '-'), 'RUN').join('\n')).toMatch(/^npm (ci|install) --omit=dev\b/m);
    expect(argsOf(final, 'RUN')).toEqual([]);
    const built = fromStages.filter((copy) => copy !== modules);
    expect(built.map((copy) => copy.sources)).toEqual([[expect.stringMatching(/\/dist\/apps$/)]]);
    expect(argsOf(final, 'USER')).toEqual(['node']);
    expect(argsOf(final, 'ARG')).toEqual(['APP']);
    expect(argsOf(final, 'CMD')[0]).toContain('node dist/apps/${APP}/main.js');
  });

  it('sets only variables every app reads, besides NODE_ENV and its own APP', () => {
    const names = argsOf(final, 'ENV').flatMap((args) => [...args.matchAll(/(\w+)=/g)].map((match) => match[1]));
    const others = names.filter((name) => !['NODE_ENV', 'APP'].includes(name));
    expect(others).toEqual(['HOST']);
    for (const app of APP_NAMES) expect(appEnvironment(app).names).toEqual(expect.arrayContaining(others));
  });

  it("checks health with a script it copies in, which knows each app's default port", () => {
    expect(healthcheckCommand).toEqual(['node', expect.stringMatching(/\.mjs$/)]);
    const script = healthcheckCommand[1];
    expect(copies(final)).toContainEqual({ from: undefined, sources: [script], target: script });
    const source = readFileSync(join(root, script), 'utf8');
    const listed = /DEFAULT_PORTS = \{([^}]*)\}/.exec(source)?.[1] ?? '';
    const defaults = Object.fromEntries(
      [...listed.matchAll(/(\w+): (\d+)/g)].map(([, app, port]) => [app, Number(port)]),
    );
    expect(defaults).toEqual(Object.fromEntries(APP_NAMES.map((app) => [app, appEnvironment(app).port])));
  });
});

/** Whether a pattern of .dockerignore (a path, or `**\/name` for a name at any depth) leaves out this path. */
function leavesOut(pattern: string, path: string): boolean {
  const name = pattern.replace(/^\*\*\//, '');
  if (path === name || path.startsWith(`${name}/`)) return true;
  return pattern.startsWith('**/') && path.split('/').includes(name);
}

describe('.dockerignore', () => {
  const ignored = readFileSync(join(root, '.dockerignore'), 'utf8')
    .split('\n')
    .filter((line) => line !== '' && !line.startsWith('#'));

  it('leaves installed and built output out of the build context', () => {
    expect(ignored).toEqual(expect.arrayContaining(['**/node_modules', 'dist', 'tmp', '.git']));
  });

  it('leaves in everything the Dockerfile copies from the context', () => {
    const sources = allStages.flatMap((stage) =>
      copies(stage)
        .filter((copy) => copy.from === undefined)
        .flatMap((copy) => copy.sources),
    );
    expect(sources.length).toBeGreaterThan(0);
    for (const source of sources) expect(existsSync(join(root, source))).toBe(true);
    expect(sources.filter((source) => ignored.some((pattern) => leavesOut(pattern, source)))).toEqual([]);
  });
});

describe('the HEALTHCHECK against a built ingest (real nats-server)', () => {
  let server: NatsServerHandle;
  let ingest: AppProcess;

  beforeAll(async () => {
    server = await startNatsServer();
    ingest = await spawnApp('ingest', { NATS_URL: server.url });
    await untilHealthy(ingest.url, { timeoutMs: 30_000, alive: ingest.running, context: ingest.output });
  });

  afterAll(async () => {
    await ingest?.stop();
    await server?.dispose();
  });

  it('is healthy while GET /health answers 200, unhealthy once it answers 503 and when nothing answers', async () => {
    const port = new URL(ingest.url).port;
    expect(await runHealthcheck({ APP: 'ingest', PORT: port })).toBe(0);
    await server.stop();
    await eventually(async () => expect((await fetch(`${ingest.url}/health`)).status).toBe(503), 20_000);
    expect(await runHealthcheck({ APP: 'ingest', PORT: port })).toBe(1);
    expect(await runHealthcheck({ APP: 'ingest', PORT: String(await freePort()) })).toBe(1);
  });
});
