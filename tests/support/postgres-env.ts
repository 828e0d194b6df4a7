// The PostgreSQL project's setup file (jest.config.js): its suites' test gateways run on the
// cluster postgres-setup.ts started. Jest gives each suite a copy of the environment, so the
// SQLite project's suites, in the same workers, never see this.
if (!process.env.NEWSGATE_TEST_POSTGRES_CLUSTER)
  throw new Error('the PostgreSQL cluster was not started (tests/support/postgres-setup.ts)');
process.env.NEWSGATE_TEST_POSTGRES_URL = process.env.NEWSGATE_TEST_POSTGRES_CLUSTER;
if (process.env.NEWSGATE_TEST_POSTGRES_REPLICA_CLUSTER)
  process.env.NEWSGATE_TEST_POSTGRES_REPLICA_URL = process.env.NEWSGATE_TEST_POSTGRES_REPLICA_CLUSTER;
process.env.NEWSGATE_TEST_PROJECT = 'postgres';
