/**
 * Two projects: `unit` (pure code: parsers, extractors, cursors, cost and error formatting; specs
 * beside the code in src/ and tests/unit/) runs in seconds with `npm run test:unit`; `e2e` starts
 * the real server on temporary SQLite files (resolver-level suites through Apollo's
 * executeOperation, transport and process suites over HTTP). `npm test` runs both.
 * @type {import('jest').Config}
 */
const shared = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
  },
  setupFiles: ['reflect-metadata'],
};

module.exports = {
  projects: [
    {
      ...shared,
      displayName: 'unit',
      roots: ['<rootDir>/src', '<rootDir>/tests/unit'],
      testMatch: ['**/*.spec.ts', '**/tests/unit/**/*.test.ts'],
    },
    {
      ...shared,
      displayName: 'e2e',
      roots: ['<rootDir>/tests/e2e'],
      testMatch: ['**/*.test.ts'],
      // Builds dist/ once for the suites that run the server or the import CLI as processes.
      globalSetup: '<rootDir>/tests/support/global-setup.ts',
    },
  ],
  // End-to-end suites start a server and a database each; two workers suit the 2-core machines.
  maxWorkers: 2,
  testTimeout: 30000,
};
