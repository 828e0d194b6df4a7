import type { ObjectLiteral, Repository } from 'typeorm';
import { IdListRead } from './hydrate';

/**
 * Rows by integer id in the order of `ids`, with null where none exists: what a DataLoader batch
 * function must return. One query for the whole batch.
 */
export class FindByIds<T extends ObjectLiteral & { id: number }> {
  private readonly rows: IdListRead<T>;

  /** `properties`: only these (e.g. `['id', 'body']`, a column not read by default); the default selection when absent. */
  constructor(repository: Repository<T>, properties?: readonly (keyof T & string)[]) {
    this.rows = new IdListRead((ids) => {
      const query = repository.createQueryBuilder('row');
      if (properties) query.select(properties.map((property) => `row.${property}`));
      return query.where('row.id IN (:...ids)', { ids });
    });
  }

  async find(ids: readonly number[]): Promise<(T | null)[]> {
    const { entities } = await this.rows.read(ids);
    const byId = new Map(entities.map((row) => [row.id, row]));
    return ids.map((id) => byId.get(id) ?? null);
  }
}
