import type { EntityMetadata, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';

/** How one selected column lands on the entity: its raw-row key, its property, and whether the driver must convert it. */
interface ColumnPlan {
  key: string;
  property: string;
  column: ColumnMetadata;
  convert: boolean;
}

const plans = new WeakMap<EntityMetadata, Map<string, ColumnPlan[]>>();

function planFor(metadata: EntityMetadata, alias: string): ColumnPlan[] {
  let byAlias = plans.get(metadata);
  if (!byAlias) plans.set(metadata, (byAlias = new Map()));
  let plan = byAlias.get(alias);
  if (!plan) {
    plan = metadata.columns
      // A join column without a property of its own (only the relation) is left out: it would land on the relation's property.
      .filter((column) => !column.isVirtual && column.propertyName !== column.relationMetadata?.propertyName)
      .map((column) => ({
        // TypeORM's own alias for a selected column: `<alias>_<database name>`.
        key: `${alias}_${column.databaseName}`,
        property: column.propertyName,
        column,
        convert: column.type === Date || column.type === 'datetime' || column.type === Boolean || column.transformer !== undefined,
      }));
    byAlias.set(alias, plan);
  }
  return plan;
}

/**
 * Entity instances from raw rows, one per row: a plain copy of each selected column onto an object
 * of the entity's class (so its getters work), with the driver converting only the columns that
 * need it (dates). TypeORM's own hydration (getMany, getRawAndEntities) handles relations, embeds
 * and deduplication that these reads never need, and was a tenth of a page request's CPU time.
 * Columns not selected are left undefined: only for reads that select what their readers use.
 */
export function hydrate<T extends ObjectLiteral>(
  query: Pick<SelectQueryBuilder<T>, 'connection'>,
  metadata: EntityMetadata,
  alias: string,
  rows: readonly Record<string, unknown>[],
): T[] {
  const plan = planFor(metadata, alias);
  const driver = query.connection.driver;
  const prototype = (metadata.target as { prototype: object }).prototype;
  return rows.map((row) => {
    const entity = Object.create(prototype) as Record<string, unknown>;
    for (const { key, property, column, convert } of plan) {
      if (!(key in row)) continue;
      const value = row[key];
      entity[property] = convert ? driver.prepareHydratedValue(value, column) : value;
    }
    return entity as T;
  });
}

/**
 * `getRawAndEntities` for reads of one entity: the raw rows and one entity per row. A many-to-one
 * relation joined with some of its columns selected (a mention's person) is hydrated
 * onto its property the same way.
 */
export async function readRows<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
): Promise<{ entities: T[]; raw: Record<string, unknown>[] }> {
  const raw = (await query.getRawMany()) as Record<string, unknown>[];
  return { raw, entities: entitiesOf(query, raw) };
}

/** The entities of raw rows read by `query` (or by the SQL it generated). */
function entitiesOf<T extends ObjectLiteral>(query: SelectQueryBuilder<T>, raw: Record<string, unknown>[]): T[] {
  const main = query.expressionMap.mainAlias!;
  const entities = hydrate<T>(query, main.metadata, main.name, raw);
  if (raw.length > 0) {
    for (const join of query.expressionMap.joinAttributes) {
      const relation = join.relation;
      if (!relation || !(relation.isManyToOne || relation.isOneToOneOwner) || !join.alias.hasMetadata) continue;
      const alias = join.alias.name;
      const plan = planFor(join.alias.metadata, alias);
      if (!plan.some(({ key }) => key in raw[0])) continue;
      const joined = hydrate<ObjectLiteral>(query, join.alias.metadata, alias, raw);
      entities.forEach((entity, index) => {
        (entity as Record<string, unknown>)[relation.propertyName] = joined[index];
      });
    }
  }
  return entities;
}

/** Shapes remembered per read: one per number of ids, as DataLoader batches come in a few sizes. */
const MAX_SHAPES = 256;

/**
 * A read by a list of ids whose SQL depends only on how many ids there are (the relation loaders:
 * an article's people, quotes and rating, records by id). TypeORM builds the statement the first
 * time each count is seen; after that the same text is sent with the new ids, skipping the query
 * builder, which was a tenth of a page request's CPU. Only statements whose parameters are exactly
 * the ids, in order, are remembered; anything else is built every time, as before.
 */
export class IdListRead<T extends ObjectLiteral> {
  private readonly shapes = new Map<number, { sql: string; template: SelectQueryBuilder<T> } | null>();

  constructor(private readonly build: (ids: number[]) => SelectQueryBuilder<T>) {}

  async read(ids: readonly number[]): Promise<{ entities: T[]; raw: Record<string, unknown>[] }> {
    const shape = this.shapes.get(ids.length);
    if (shape) {
      const raw = (await shape.template.connection.query(shape.sql, [...ids])) as Record<string, unknown>[];
      return { raw, entities: entitiesOf(shape.template, raw) };
    }
    const query = this.build([...ids]);
    if (shape === undefined && this.shapes.size < MAX_SHAPES) {
      const [sql, parameters] = query.getQueryAndParameters();
      const exact = parameters.length === ids.length && parameters.every((value, index) => value === ids[index]);
      this.shapes.set(ids.length, exact ? { sql, template: query } : null);
    }
    return readRows(query);
  }
}
