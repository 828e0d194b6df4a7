// The SQLite project's setup file (jest.config.js): names the project its suites run in, so that
// tests/e2e/engine.test.ts can check that they run on SQLite.
process.env.NEWSGATE_TEST_PROJECT = 'sqlite';
