// One lint configuration for the workspace. Nx's module-boundary rule turns the map the projects
// declare with their tags into errors:
//   type:app      ingest, process, stats, dashboard: wiring and transport; never imported
//   type:lib      domain and platform libraries (fold, trade, topology, nats, platform)
//   type:contract what the server and the page share (contract): imports nothing of ours
//   type:testing  test helpers (testing): only specs, system tests and tools import it
//   type:tool     verify, bench, cluster, faults    type:e2e  system tests
//   platform:browser  code that runs in the page, and what it may import: browser-safe libs only
// Nx's configurations bring ESLint's and typescript-eslint's recommended rules, and turn off
// the ones Prettier decides (eslint-config-prettier).
import nx from '@nx/eslint-plugin';

const PRODUCTION = {
  'type:app': ['type:lib', 'type:contract'],
  'type:lib': ['type:lib', 'type:contract'],
  'type:contract': ['type:contract'],
  'type:testing': ['type:lib', 'type:contract', 'type:testing'],
  'type:tool': ['type:lib', 'type:contract', 'type:testing'],
  'type:e2e': ['type:lib', 'type:contract', 'type:testing'],
};

/** The boundary rule; in tests every project may also use the test helpers. */
const boundaries = (allowTesting) => [
  'error',
  {
    enforceBuildableLibDependency: true,
    allow: [],
    depConstraints: [
      ...Object.entries(PRODUCTION).map(([sourceTag, allowed]) => ({
        sourceTag,
        onlyDependOnLibsWithTags: allowTesting ? [...new Set([...allowed, 'type:testing'])] : allowed,
      })),
      { sourceTag: 'platform:browser', onlyDependOnLibsWithTags: ['platform:browser'] },
    ],
  },
];

const TESTS = ['**/*.spec.ts', '**/spec-helpers.ts'];

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...nx.configs['flat/javascript'],
  {
    // A disable comment that suppresses nothing is an error, so none outlives its reason.
    linterOptions: { reportUnusedDisableDirectives: 'error' },
  },
  {
    ignores: ['**/dist', '**/node_modules', '**/tmp', '**/.nx', '**/vite.config.*.timestamp*'],
  },
  {
    files: ['**/*.ts', '**/*.mts', '**/*.js', '**/*.mjs'],
    rules: {
      '@nx/enforce-module-boundaries': boundaries(false),
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Validated configuration classes declare each property's type for class-validator's metadata.
      '@typescript-eslint/no-inferrable-types': ['error', { ignoreProperties: true }],
    },
  },
  {
    files: TESTS,
    rules: {
      '@nx/enforce-module-boundaries': boundaries(true),
      // A spec's `found!` fails the test at once when it is wrong, which is what a test wants.
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    // CommonJS configuration files (jest, webpack) are loaded by Node's require.
    files: ['**/*.config.js', 'jest.preset.js', 'tools/webpack/*.js'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { require: 'readonly', module: 'writable', __dirname: 'readonly' },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
];
