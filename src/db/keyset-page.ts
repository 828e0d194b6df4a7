import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { decodeCursor, encodeCursor } from '../shared/cursor';
import { emptyPage, type Page, type PageRequest } from '../shared/pagination';
import { readRows } from './hydrate';
import { keysetAfter } from './keyset';

/** One column of a list's order: how to sort by it and how to read it back for the cursor. */
export interface SortKey<T> {
  /** SQL expression, e.g. `article.publishedAt` or `COALESCE(rating.average, 0)`. */
  expression: string;
  direction: 'ASC' | 'DESC';
  /** Cursor field name and type; a 'date' travels as an ISO string and is compared as a Date. */
  field: string;
  type: 'number' | 'float' | 'date' | 'string';
  /** The row's value: from the entity, or, for a computed key, from `raw[alias]`. */
  read(entity: T, raw: Record<string, unknown>, alias: string): string | number;
  /** An expression that is not an entity column (an aggregate, a rank): selected into the raw row. */
  computed?: boolean;
}

export interface ListOrder<T> {
  /** Names the order inside cursors, so a cursor of another list or order is refused. */
  kind: string;
  keys: SortKey<T>[];
}

/** A fetched row: the entity and the raw row it came from (computed sort keys are read from the raw row). */
export interface ListRow<T> {
  entity: T;
  raw: Record<string, unknown>;
}

/** The raw-row alias a computed sort key is selected under. */
export const sortKeyAlias = (index: number) => `sort_key_${index}`;

const flip = (direction: 'ASC' | 'DESC') => (direction === 'ASC' ? 'DESC' : 'ASC');

/**
 * What every keyset read shares: selects the computed keys, adds the cursor's condition, and
 * returns the order to read in (reversed when paging backwards).
 */
function seek<T extends ObjectLiteral>(query: SelectQueryBuilder<T>, request: PageRequest, order: ListOrder<T>) {
  // Only computed keys are selected again: re-selecting an entity column under another alias
  // would take it out of the entity.
  order.keys.forEach((key, index) => {
    if (key.computed) query.addSelect(key.expression, sortKeyAlias(index));
  });
  if (request.cursor !== null) {
    const shape = Object.fromEntries(order.keys.map((key) => [key.field, key.type]));
    const values = decodeCursor<Record<string, string | number>>(request.cursor, order.kind, shape);
    const condition = keysetAfter(
      order.keys.map((key) => ({
        expression: key.expression,
        direction: request.backward ? flip(key.direction) : key.direction,
        value: key.type === 'date' ? new Date(values[key.field] as string) : values[key.field],
      })),
    );
    query.andWhere(condition.where, condition.parameters);
  }
  return order.keys.map((key) => ({ expression: key.expression, direction: request.backward ? flip(key.direction) : key.direction }));
}

/** Orders `query` by each of `sort` in turn, replacing any order it had. */
function orderByAll<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
  sort: readonly { expression: string; direction: 'ASC' | 'DESC' }[],
): SelectQueryBuilder<T> {
  sort.forEach(({ expression, direction }, index) => {
    if (index === 0) query.orderBy(expression, direction);
    else query.addOrderBy(expression, direction);
  });
  return query;
}

/** One page from up to `count + 1` rows read in the request's direction. */
function toPage<T>(rows: ListRow<T>[], request: PageRequest, order: ListOrder<T>, totalCount: () => Promise<number>): Page<T> {
  const more = rows.length > request.count;
  const page = rows.slice(0, request.count);
  if (request.backward) page.reverse();
  return {
    nodes: page.map((row) => row.entity),
    cursors: page.map((row) =>
      encodeCursor(
        order.kind,
        Object.fromEntries(order.keys.map((key, index) => [key.field, key.read(row.entity, row.raw, sortKeyAlias(index))])),
      ),
    ),
    hasNextPage: request.backward ? request.cursor !== null : more,
    hasPreviousPage: request.backward ? more : request.cursor !== null,
    totalCount,
  };
}

/**
 * Runs one keyset ("seek") page of a filtered query in either direction. Fetches one row more
 * than asked, only to learn whether there is another page; pages stay stable while rows are
 * added elsewhere in the list, since a cursor names a position in the order, not an offset.
 */
export async function keysetPage<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
  request: PageRequest,
  order: ListOrder<T>,
  totalCount: () => Promise<number>,
): Promise<Page<T>> {
  orderByAll(query, seek(query, request, order));
  const { entities, raw } = await readRows(query.limit(request.count + 1));
  const rows = entities.map((entity, index) => ({ entity, raw: raw[index] as Record<string, unknown> }));
  return toPage(rows, request, order, totalCount);
}

/**
 * The one skeleton of every filtered list: `build(false)` is the page's query (with what the
 * order needs joined), `build(true)` the same filter for its count, only run when a client asks
 * for totalCount; either returns null when the filter cannot match anything.
 */
export async function listPage<T extends ObjectLiteral>(
  build: (forCount: boolean) => SelectQueryBuilder<T> | null,
  request: PageRequest,
  order: ListOrder<T>,
): Promise<Page<T>> {
  const query = build(false);
  if (!query) return emptyPage();
  return keysetPage(query, request, order, () => build(true)!.getCount());
}

/**
 * One list under each of many parents (each person's articles, each article's related articles),
 * read for all of them at once.
 */
export interface ParentBatch<T extends ObjectLiteral> {
  parentIds: readonly number[];
  /** Every parent's rows, filtered as the list is; the list's entity is the main alias, selected as `entities()` selects it. */
  rows(): SelectQueryBuilder<T>;
  /** SQL expression, inside `rows()`, of the parent a row belongs to, e.g. `named.person_id`. */
  partition: string;
  /** The entities to hydrate the rows into: the same main alias with only the joins hydration needs. */
  entities(): SelectQueryBuilder<T>;
}

/**
 * Up to `limit` rows of each parent, in `order` (after or before the request's cursor, if any),
 * in the order of `parentIds`: one statement for all parents. For several parents, `ROW_NUMBER()`
 * numbers each parent's rows in the order (a window function: SQLite 3.25+, PostgreSQL, every
 * server engine) and the rows numbered up to `limit` are joined to their entities; for one, an
 * ORDER BY with a LIMIT picks them. A row under two parents comes back under both.
 */
export async function rowsPerParent<T extends ObjectLiteral & { id: number }>(
  batch: ParentBatch<T>,
  order: ListOrder<T>,
  request: PageRequest,
  limit = request.count + 1,
): Promise<ListRow<T>[][]> {
  if (batch.parentIds.length === 0) return [];
  const ranked = batch.rows();
  ranked.select(`${ranked.alias}.id`, 'batch_row').addSelect(batch.partition, 'batch_parent');
  const sort = seek(ranked, request, order);
  const query = batch.entities();
  if (batch.parentIds.length === 1) {
    // One parent (a person page, an article page): ORDER BY with LIMIT reads only the first rows,
    // straight off an index where the order has one, where numbering them (below) reads every
    // row the parent has first. The sort values travel out of the subquery to order the page.
    ranked.andWhere(`${batch.partition} = :batchOnlyParent`, { batchOnlyParent: batch.parentIds[0] });
    order.keys.forEach((key, index) => {
      if (!key.computed) ranked.addSelect(key.expression, sortKeyAlias(index));
    });
    orderByAll(ranked, sort).limit(limit);
    orderByAll(
      query,
      sort.map(({ direction }, index) => ({ expression: `batch.${sortKeyAlias(index)}`, direction })),
    );
  } else {
    const within = sort.map(({ expression, direction }) => `${expression} ${direction}`).join(', ');
    ranked.addSelect(`ROW_NUMBER() OVER (PARTITION BY ${batch.partition} ORDER BY ${within})`, 'batch_rank');
    query.andWhere('batch.batch_rank <= :batchLimit', { batchLimit: limit }).orderBy('batch.batch_parent').addOrderBy('batch.batch_rank');
  }
  query
    .innerJoin(`(${ranked.getQuery()})`, 'batch', `batch.batch_row = ${query.alias}.id`)
    .setParameters(ranked.getParameters())
    .addSelect('batch.batch_row', 'batch_row')
    .addSelect('batch.batch_parent', 'batch_parent');
  order.keys.forEach((key, index) => {
    if (key.computed) query.addSelect(`batch.${sortKeyAlias(index)}`, sortKeyAlias(index));
  });
  const { entities, raw } = await readRows(query);
  // A row under several parents comes back once per parent: one entity serves them all.
  const byId = new Map(entities.map((entity) => [entity.id, entity]));
  const byParent = new Map<number, ListRow<T>[]>(batch.parentIds.map((id) => [id, []]));
  for (const row of raw as Record<string, unknown>[]) {
    const entity = byId.get(Number(row.batch_row));
    if (entity) byParent.get(Number(row.batch_parent))?.push({ entity, raw: row });
  }
  return batch.parentIds.map((id) => byParent.get(id) ?? []);
}

/**
 * `keysetPage` for many parents at once: each parent's page, in the order of `parentIds`, from
 * one statement. The same order, cursors and page information as `keysetPage` on one parent's
 * rows; `totalCount(parentId)` should batch too (see `countPerParent`).
 */
export async function keysetPages<T extends ObjectLiteral & { id: number }>(
  batch: ParentBatch<T>,
  request: PageRequest,
  order: ListOrder<T>,
  totalCount: (parentId: number) => Promise<number>,
): Promise<Page<T>[]> {
  const rows = await rowsPerParent(batch, order, request);
  return batch.parentIds.map((parentId, index) => toPage(rows[index], request, order, () => totalCount(parentId)));
}

/** How many rows each parent has (in the order of `parentIds`, 0 for none): one grouped COUNT. */
export async function countPerParent<T extends ObjectLiteral>(
  batch: Pick<ParentBatch<T>, 'parentIds' | 'rows' | 'partition'>,
): Promise<number[]> {
  if (batch.parentIds.length === 0) return [];
  const query = batch.rows();
  const rows: { batch_parent: unknown; total: unknown }[] = await query
    .select(batch.partition, 'batch_parent')
    .addSelect(`COUNT(DISTINCT ${query.alias}.id)`, 'total')
    .groupBy(batch.partition)
    .getRawMany();
  const counts = new Map(rows.map((row) => [Number(row.batch_parent), Number(row.total)]));
  return batch.parentIds.map((id) => counts.get(id) ?? 0);
}

/** Reads a numeric sort value selected into the raw row (SQLite returns numbers; others may return strings). */
export const rawNumber = (_entity: unknown, raw: Record<string, unknown>, alias: string) => Number(raw[alias] ?? 0);

/** Reads a text sort value selected into the raw row. */
export const rawString = (_entity: unknown, raw: Record<string, unknown>, alias: string) => String(raw[alias] ?? '');
