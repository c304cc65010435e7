// `npm test`: installs what is missing, type-checks and builds the workspace, then runs every jest suite
// (unit tests, and integration suites that each start their own nats-server). Extra arguments go
// to jest: `npm test -- libs/trade`, `npm test -- --json --outputFile=tmp/jest.json`.
import { execFileSync } from 'node:child_process';
import { ensureDebianCommand, ensureNatsServer, ensureNodeModules } from './ensure-deps.mjs';

const step = (command, args) => execFileSync(command, args, { stdio: 'inherit' });

try {
  ensureNodeModules();
  ensureNatsServer();
  ensureDebianCommand('chromium', 'chromium', "needed by the dashboard's browser test");
  console.log('> type-check');
  step('npx', ['tsc', '-p', 'tools/tsconfig.check.json']);
  // Some suites run the built apps as processes, to crash them.
  step('npx', ['nx', 'run-many', '-t', 'build', '--output-style=static']);
  step('npx', ['jest', '-c', 'tools/jest/jest.config.js', ...process.argv.slice(2)]);
} catch (error) {
  console.error(error.status === undefined ? error.message : `failed: ${error.message.split('\n')[0]}`);
  process.exit(error.status || 1);
}
