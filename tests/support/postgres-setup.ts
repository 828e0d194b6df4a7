import buildDist from './global-setup';
import { startThrowawayPostgres } from './postgres-server';

/**
 * The PostgreSQL project's setup: dist/ built, and a throwaway cluster whose URL the suites read
 * from NEWSGATE_TEST_POSTGRES_URL (each test gateway makes a database of its own on it). Jest runs
 * setup and teardown in one process, so the teardown finds the cluster on globalThis.
 */
export default async function postgresSetup(): Promise<void> {
  buildDist();
  const cluster = await startThrowawayPostgres();
  process.env.NEWSGATE_TEST_POSTGRES_URL = cluster.url;
  (globalThis as { newsgatePostgres?: { stop(): void } }).newsgatePostgres = cluster;
}
