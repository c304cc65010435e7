// `npm test`: installs what is missing; type-checks, lints and checks the formatting of the
// workspace; builds it, then runs every project's jest suites in one run on the Node that runs
// npm (unit tests, and integration suites that each start their own nats-server), then the suites
// of NODE_24_SUITES on Node 24. Extra arguments go to jest: `npm test -- libs/trade` (suites named:
// that run only, no Node 24 part), `npm test -- --json --outputFile=tmp/jest.json` (options only,
// in --name=value form: both parts, Node 24's results in tmp/jest.node24.json).
import { execFileSync, spawnSync } from 'node:child_process';
import { dirname, delimiter } from 'node:path';
import { NODE_24, ensureDebianCommand, ensureNatsServer, ensureNode24, ensureNodeModules } from './ensure-deps.mjs';

// What runs on Node 24 too: the libraries whose tests start nothing, and one system suite, whose
// built apps run on the same Node as jest (spawnApp starts them with process.execPath).
const NODE_24_SUITES = [
  'libs/contract',
  'libs/trade',
  'libs/fold',
  'libs/topology',
  'libs/rate-limit',
  'apps/system-e2e/src/pipeline.spec.ts',
];

const step = (title, command, args) => {
  console.log(`> ${title}`);
  execFileSync(command, args, { stdio: 'inherit' });
};

/** Runs jest on the given Node binary; true when every test passed. */
const runJest = (node, version, args) => {
  console.log(`> test on Node ${version} (${node})`);
  // A `node` that a suite starts by name is the same one.
  const env = { ...process.env, PATH: `${dirname(node)}${delimiter}${process.env.PATH}` };
  return spawnSync(node, ['node_modules/jest/bin/jest.js', ...args], { stdio: 'inherit', env }).status === 0;
};

const jestArgs = process.argv.slice(2);
const suitesNamed = jestArgs.some((arg) => !arg.startsWith('--'));
const node24Args = [
  ...jestArgs.map((arg) => arg.replace(/^(--outputFile=.*?)(\.json)?$/, '$1.node24.json')),
  ...NODE_24_SUITES,
];

try {
  ensureNodeModules();
  ensureNatsServer();
  ensureDebianCommand('chromium', 'chromium', "needed by the dashboard's browser test");
  ensureDebianCommand('prometheus', 'prometheus', "needed by the test that scrapes the apps' metrics");
  const node24 = suitesNamed ? undefined : ensureNode24();
  step('type-check', 'npx', ['tsc', '-p', 'tools/tsconfig.check.json']);
  // The module-boundary rule reads Nx's cached project graph, and skips itself (a warning, not an
  // error) when there is none, as on a fresh clone: Nx writes it first.
  step('project graph', 'npx', ['nx', 'show', 'projects']);
  // One ESLint run over the workspace: the same rules as each project's `nx lint`, faster than one process each.
  step('lint', 'npx', ['eslint', '.', '--max-warnings', '0']);
  step('format', 'npx', ['prettier', '--check', '--log-level', 'warn', '.']);
  // Some suites run the built apps as processes, to crash them.
  step('build', 'npx', ['nx', 'run-many', '-t', 'build', '--output-style=static']);
  const outcomes = [[process.version, runJest(process.execPath, process.version, jestArgs)]];
  if (node24) outcomes.push([`v${NODE_24}`, runJest(node24, `v${NODE_24}`, node24Args)]);
  else console.log('> no Node 24 part: suites were named');
  console.log(outcomes.map(([version, passed]) => `Node ${version}: ${passed ? 'passed' : 'FAILED'}`).join(', '));
  if (outcomes.some(([, passed]) => !passed)) process.exit(1);
} catch (error) {
  console.error(error.status === undefined ? error.message : `failed: ${error.message.split('\n')[0]}`);
  process.exit(error.status || 1);
}
