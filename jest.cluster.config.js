// `npm run test:cluster`: the suites that need the real Temporal cluster on PostgreSQL
// (scripts/temporal-cluster.sh), brought up once for the run and taken down after it. Their files
// end in .cluster.ts, so the main suite (jest.config.js, *.test.ts) never picks them up.
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests/cluster'],
  testMatch: ['**/*.cluster.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { diagnostics: false }] },
  globalSetup: '<rootDir>/tests/cluster/support/global-setup.ts',
  globalTeardown: '<rootDir>/tests/cluster/support/global-teardown.ts',
  setupFiles: ['<rootDir>/tests/support/quiet-runtime.ts'],
  testTimeout: 120000,
};
