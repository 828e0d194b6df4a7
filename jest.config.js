const fs = require('node:fs');

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

/**
 * The database-facing end-to-end suites run a second time on PostgreSQL (issue #12): a throwaway
 * cluster from Debian's packages (tests/support/postgres-server.ts), a database per test gateway.
 * Without PostgreSQL installed that run is left out, with a message; `.ci/run` installs it.
 */
const POSTGRES_SUITES = process.env.NEWSGATE_POSTGRES_SUITES ? process.env.NEWSGATE_POSTGRES_SUITES.split(',') : ['tests/e2e/*.test.ts'];
const postgresInstalled =
  fs.existsSync('/usr/lib/postgresql') &&
  fs.readdirSync('/usr/lib/postgresql').some((version) => fs.existsSync(`/usr/lib/postgresql/${version}/bin/initdb`));
// CI must not pass by leaving the run out: .ci/run sets NEWSGATE_REQUIRE_POSTGRES=1 after installing it.
if (!postgresInstalled && process.env.NEWSGATE_REQUIRE_POSTGRES === '1') {
  throw new Error('NEWSGATE_REQUIRE_POSTGRES=1 but PostgreSQL is not installed (apt-get install -y postgresql)');
}
if (!postgresInstalled && !process.env.JEST_WORKER_ID) {
  console.warn('PostgreSQL is not installed: the PostgreSQL run of the end-to-end suites is skipped (apt-get install -y postgresql).');
}

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
      setupFiles: [...shared.setupFiles, '<rootDir>/tests/support/sqlite-env.ts'],
      // Builds dist/ once for the suites that run the server or the import CLI as processes.
      globalSetup: '<rootDir>/tests/support/global-setup.ts',
    },
    ...(postgresInstalled
      ? [
          {
            ...shared,
            displayName: 'e2e:postgres',
            roots: ['<rootDir>/tests/e2e'],
            testMatch: POSTGRES_SUITES.map((suite) => `<rootDir>/${suite}`),
            setupFiles: [...shared.setupFiles, '<rootDir>/tests/support/postgres-env.ts'],
            globalSetup: '<rootDir>/tests/support/postgres-setup.ts',
            globalTeardown: '<rootDir>/tests/support/postgres-teardown.ts',
          },
        ]
      : []),
  ],
  // End-to-end suites start a server and a database each; two workers suit the 2-core machines.
  maxWorkers: 2,
  testTimeout: 30000,
};
