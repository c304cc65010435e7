// What every project's jest.config.js starts from: TypeScript compiled by swc with decorator
// metadata for Nest, the libraries' aliases from tsconfig.base.json, and a timeout for the
// integration suites, which start their own nats-server and apps.
const { join } = require('node:path');
const { compilerOptions } = require('./tsconfig.base.json');

const moduleNameMapper = Object.fromEntries(
  Object.entries(compilerOptions.paths).map(([alias, [target]]) => [`^${alias}$`, join(__dirname, target)]),
);

module.exports = {
  testEnvironment: 'node',
  testMatch: ['<rootDir>/**/*.spec.ts'],
  // A minute covers a slow CI machine starting servers and apps.
  testTimeout: 60_000,
  moduleNameMapper,
  // ESM-only packages that the apps load with Node's require(esm), which jest lacks: compiled here.
  transformIgnorePatterns: ['/node_modules/(?!content-disposition/)'],
  transform: {
    '^.+\\.[tj]s$': [
      require.resolve('@swc/jest'),
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
