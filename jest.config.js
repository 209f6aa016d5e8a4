// One jest run covers every layer; integration suites share Temporal servers started once in
// globalSetup (tests/support/global-setup.ts). Types are checked by `tsc` in scripts/setup.sh,
// so ts-jest only transpiles.
const isolated = require('./jest.isolated.js');

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  testMatch: ['**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', ...isolated.map((f) => f.replace(/\./g, '\\.'))],
  transform: { '^.+\\.ts$': ['ts-jest', { diagnostics: false }] },
  globalSetup: process.env.TF_NO_SERVERS ? undefined : '<rootDir>/tests/support/global-setup.ts',
  globalTeardown: process.env.TF_NO_SERVERS ? undefined : '<rootDir>/tests/support/global-teardown.ts',
  setupFiles: ['<rootDir>/tests/support/quiet-runtime.ts'],
  testTimeout: 60000,
};
