// One jest run for the whole workspace: unit tests beside their code, integration suites that
// start their own nats-server. TypeScript is compiled by swc, with decorator metadata for Nest.
const { compilerOptions } = require('../../tsconfig.base.json');

const moduleNameMapper = Object.fromEntries(
  Object.entries(compilerOptions.paths).map(([alias, [target]]) => [`^${alias}$`, `<rootDir>/${target}`]),
);

module.exports = {
  rootDir: '../..',
  testEnvironment: 'node',
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/tools'],
  testMatch: ['**/*.spec.ts'],
  // Integration suites start servers and apps; a minute covers a slow CI machine.
  testTimeout: 60_000,
  moduleNameMapper,
  // ESM-only packages that the apps load with Node's require(esm), which jest lacks: compiled here.
  transformIgnorePatterns: ['/node_modules/(?!content-disposition/)'],
  transform: {
    '^.+\\.[tj]s$': [
      '@swc/jest',
      {
        jsc: {
          target: 'es2022',
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true },
        },
        module: { type: 'commonjs' },
      },
    ],
  },
};
