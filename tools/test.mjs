// `npm test`: installs what is missing; type-checks, lints and checks the formatting of the
// workspace; builds it, then runs every project's jest suites in one run (unit tests, and
// integration suites that each start their own nats-server). Extra arguments go to jest:
// `npm test -- libs/trade`, `npm test -- --json --outputFile=tmp/jest.json`.
import { execFileSync } from 'node:child_process';
import { ensureDebianCommand, ensureNatsServer, ensureNodeModules } from './ensure-deps.mjs';

const step = (title, command, args) => {
  console.log(`> ${title}`);
  execFileSync(command, args, { stdio: 'inherit' });
};

try {
  ensureNodeModules();
  ensureNatsServer();
  ensureDebianCommand('chromium', 'chromium', "needed by the dashboard's browser test");
  ensureDebianCommand('prometheus', 'prometheus', "needed by the test that scrapes the apps' metrics");
  step('type-check', 'npx', ['tsc', '-p', 'tools/tsconfig.check.json']);
  // The module-boundary rule reads Nx's cached project graph, and skips itself (a warning, not an
  // error) when there is none, as on a fresh clone: Nx writes it first.
  step('project graph', 'npx', ['nx', 'show', 'projects']);
  // One ESLint run over the workspace: the same rules as each project's `nx lint`, faster than one process each.
  step('lint', 'npx', ['eslint', '.', '--max-warnings', '0']);
  step('format', 'npx', ['prettier', '--check', '--log-level', 'warn', '.']);
  // Some suites run the built apps as processes, to crash them.
  step('build', 'npx', ['nx', 'run-many', '-t', 'build', '--output-style=static']);
  step('test', 'npx', ['jest', ...process.argv.slice(2)]);
} catch (error) {
  console.error(error.status === undefined ? error.message : `failed: ${error.message.split('\n')[0]}`);
  process.exit(error.status || 1);
}
