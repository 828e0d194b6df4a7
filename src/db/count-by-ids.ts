import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';

/**
 * How many rows `query` has per id in `column`, in the order of `ids` (0 where none): one grouped
 * statement for the whole batch. `query` selects `column` as `id`.
 */
export async function countByIds(query: SelectQueryBuilder<ObjectLiteral>, column: string, ids: readonly number[]): Promise<number[]> {
  const rows: { id: number; total: number }[] = await query
    .addSelect('COUNT(*)', 'total')
    .where(`${column} IN (:...ids)`, { ids: [...ids] })
    .groupBy(column)
    .getRawMany();
  const counts = new Map(rows.map((row) => [Number(row.id), Number(row.total)]));
  return ids.map((id) => counts.get(id) ?? 0);
}
