import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';

/** `items` in slices of at most `size`, in order. */
export function batches<T>(items: readonly T[], size: number): T[][] {
  const result: T[][] = [];
  for (let start = 0; start < items.length; start += size) result.push(items.slice(start, start + size));
  return result;
}

/**
 * Inserts rows `rowsPerStatement` to a statement, without reading generated columns back (TypeORM
 * would otherwise send one SELECT per row on SQLite): callers that need ids look them up by a key.
 * Keep `rowsPerStatement` × columns under every engine's limit on values per statement (SQLite 32,766).
 */
export async function insertRows<Entity extends ObjectLiteral>(
  manager: EntityManager,
  target: EntityTarget<Entity>,
  rows: QueryDeepPartialEntity<Entity>[],
  rowsPerStatement: number,
): Promise<void> {
  for (const batch of batches(rows, rowsPerStatement)) {
    await manager.createQueryBuilder().insert().into(target).values(batch).updateEntity(false).execute();
  }
}
