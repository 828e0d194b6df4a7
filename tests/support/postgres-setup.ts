import buildDist from './global-setup';
import { startThrowawayPostgres } from './postgres-server';

/**
 * The PostgreSQL project's setup: dist/ built, and a throwaway cluster with a streaming replica. Jest runs every project's
 * global setup in the parent process, whose environment every worker inherits, whichever project
 * its suites belong to: so the cluster's URL goes in a variable of its own, and only the
 * PostgreSQL project's setup file (postgres-env.ts) turns it into NEWSGATE_TEST_POSTGRES_URL, the
 * one the test gateways read. Jest runs setup and teardown in one process, so the teardown finds
 * the cluster on globalThis.
 */
export default async function postgresSetup(): Promise<void> {
  buildDist();
  // With a streaming replica: the multi-instance suite reads through it (tests/e2e/multi-instance.test.ts).
  const cluster = await startThrowawayPostgres({ replica: true });
  // Stopped by the teardown; also when the run is interrupted, which skips the teardown.
  let stopped = false;
  const stopOnce = () => {
    if (stopped) return;
    stopped = true;
    cluster.stop();
  };
  process.once('exit', stopOnce);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      stopOnce();
      process.exit(130);
    });
  }
  process.env.NEWSGATE_TEST_POSTGRES_CLUSTER = cluster.url;
  process.env.NEWSGATE_TEST_POSTGRES_REPLICA_CLUSTER = cluster.replicaUrl;
  process.env.NEWSGATE_TEST_POSTGRES_REPLICA_DATA = cluster.replicaData;
  (globalThis as { newsgatePostgres?: { stop(): void } }).newsgatePostgres = { stop: stopOnce };
}
