import type { ObjectLiteral, Repository } from 'typeorm';
import { IdListRead } from './hydrate';

/**
 * Rows by integer id in the order of `ids`, with null where none exists: what a DataLoader batch
 * function must return. One query for the whole batch.
 */
export class FindByIds<T extends ObjectLiteral & { id: number }> {
  private readonly rows: IdListRead<T>;

  constructor(repository: Repository<T>) {
    this.rows = new IdListRead((ids) => repository.createQueryBuilder('row').where('row.id IN (:...ids)', { ids }));
  }

  async find(ids: readonly number[]): Promise<(T | null)[]> {
    const { entities } = await this.rows.read(ids);
    const byId = new Map(entities.map((row) => [row.id, row]));
    return ids.map((id) => byId.get(id) ?? null);
  }
}
