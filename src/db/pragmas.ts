import type { DataSource } from 'typeorm';

/**
 * SQLite-only settings (a server engine has its own configuration for these).
 * - WAL: readers never block the writer, and a crash never leaves a half-written transaction.
 * - synchronous=FULL: a vote acknowledged to a client survives a power loss, not just a crash.
 * - busy_timeout: another process holding the write lock (a CLI import, say) makes us wait, not fail.
 * - foreign_keys: TypeORM turns them on already; stated here so the guarantee does not depend on it.
 * - query_only on reader connections.
 */
export async function applyPragmas(dataSource: DataSource, options: { readOnly?: boolean } = {}): Promise<void> {
  if (dataSource.options.type !== 'sqlite') return;
  const inMemory = dataSource.options.database === ':memory:';
  if (!inMemory) await dataSource.query('PRAGMA journal_mode = WAL');
  await dataSource.query('PRAGMA synchronous = FULL');
  await dataSource.query('PRAGMA busy_timeout = 5000');
  await dataSource.query('PRAGMA foreign_keys = ON');
  // A reader connection refuses any write, so a bug can never write outside the write queue.
  if (options.readOnly) await dataSource.query('PRAGMA query_only = ON');
}
