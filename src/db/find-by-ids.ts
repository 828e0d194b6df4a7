import type { ObjectLiteral, Repository } from 'typeorm';
import { readRows } from './hydrate';

/**
 * Rows by integer id in the order of `ids`, with null where none exists: what a DataLoader batch
 * function must return. One query for the whole batch.
 */
export async function findByIdsInOrder<T extends ObjectLiteral & { id: number }>(
  repository: Repository<T>,
  ids: readonly number[],
): Promise<(T | null)[]> {
  const { entities: rows } = await readRows(repository.createQueryBuilder('row').whereInIds([...ids]));
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.map((id) => byId.get(id) ?? null);
}
