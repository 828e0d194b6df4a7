import type { EntityManager } from 'typeorm';
import { isSqlite } from './sqlite-engine';

/**
 * Locks rows of `table` by id until the caller's transaction ends, so that transactions of other
 * processes working on the same rows (another gateway committing votes on the same article) wait
 * their turn instead of both reading the same state and both adding to it. In id order, so that
 * two transactions locking overlapping sets never deadlock.
 *
 * ENGINE-SPECIFIC: nothing on SQLite, which lets one connection write at a time for the whole
 * database (and in a process every write goes through the write queue); `FOR NO KEY UPDATE` on
 * PostgreSQL, which conflicts with itself but not with the KEY SHARE locks that
 * inserting a row referencing these takes.
 */
export async function lockRowsForUpdate(manager: EntityManager, table: string, ids: readonly number[]): Promise<void> {
  if (ids.length === 0 || isSqlite(manager.connection.options)) return;
  await manager.query(`SELECT id FROM ${table} WHERE id = ANY($1) ORDER BY id FOR NO KEY UPDATE`, [[...new Set(ids)]]);
}
