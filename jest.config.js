/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
  },
  setupFiles: ['reflect-metadata'],
  // Builds dist/ once for the suites that run the server as its own process.
  globalSetup: '<rootDir>/tests/support/global-setup.ts',
  // End-to-end suites start a server and a database each; two workers suit the 2-core machines.
  maxWorkers: 2,
  testTimeout: 30000,
};
