import type { DataSource } from 'typeorm';
import { isSqlite } from './sqlite-engine';

/** The advisory lock's key: a constant no other application on the database is likely to use ('newsgate' in ASCII). */
const STARTUP_LOCK_KEY = '7954895654359233637';

/**
 * Runs `work` (migrations, loading the seed) while no other process on the same database runs
 * its own, so that gateways started together on a new database do not each try to create the
 * same tables or load the same article.
 *
 * ENGINE-SPECIFIC. PostgreSQL: a session advisory lock, on a connection held for the purpose
 * (released with it, should the process die). SQLite: nothing (a file has one gateway).
 */
export async function underStartupLock<T>(dataSource: DataSource, work: () => Promise<T>): Promise<T> {
  if (isSqlite(dataSource.options)) return work();
  const runner = dataSource.createQueryRunner();
  try {
    await runner.connect();
    await runner.query('SELECT pg_advisory_lock($1::bigint)', [STARTUP_LOCK_KEY]);
    try {
      return await work();
    } finally {
      // A failed unlock must not hide what `work` threw; the lock goes with the connection anyway.
      await runner.query('SELECT pg_advisory_unlock($1::bigint)', [STARTUP_LOCK_KEY]).catch(() => undefined);
    }
  } finally {
    await runner.release();
  }
}
