import { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { decodeCursor, encodeCursor } from '../shared/cursor';
import type { Page, PageRequest } from '../shared/pagination';
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

const flip = (direction: 'ASC' | 'DESC') => (direction === 'ASC' ? 'DESC' : 'ASC');

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
  const alias = (index: number) => `sort_key_${index}`;
  // Only computed keys are selected again: re-selecting an entity column under another alias
  // would take it out of the entity.
  order.keys.forEach((key, index) => {
    if (key.computed) query.addSelect(key.expression, alias(index));
  });
  const shape = Object.fromEntries(order.keys.map((key) => [key.field, key.type]));
  if (request.cursor !== null) {
    const values = decodeCursor<Record<string, string | number>>(request.cursor, order.kind, shape);
    const seek = keysetAfter(
      order.keys.map((key) => ({
        expression: key.expression,
        direction: request.backward ? flip(key.direction) : key.direction,
        value: key.type === 'date' ? new Date(values[key.field] as string) : values[key.field],
      })),
    );
    query.andWhere(seek.where, seek.parameters);
  }
  order.keys.forEach((key, index) => {
    const direction = request.backward ? flip(key.direction) : key.direction;
    if (index === 0) query.orderBy(key.expression, direction);
    else query.addOrderBy(key.expression, direction);
  });
  const { entities, raw } = await query.limit(request.count + 1).getRawAndEntities();
  const rows = entities.map((entity, index) => ({ entity, raw: raw[index] as Record<string, unknown> }));
  const more = rows.length > request.count;
  const page = rows.slice(0, request.count);
  if (request.backward) page.reverse();
  return {
    nodes: page.map((row) => row.entity),
    cursors: page.map((row) =>
      encodeCursor(order.kind, Object.fromEntries(order.keys.map((key, index) => [key.field, key.read(row.entity, row.raw, alias(index))]))),
    ),
    hasNextPage: request.backward ? request.cursor !== null : more,
    hasPreviousPage: request.backward ? more : request.cursor !== null,
    totalCount,
  };
}

/** Reads a numeric sort value selected into the raw row (SQLite returns numbers; others may return strings). */
export const rawNumber = (_entity: unknown, raw: Record<string, unknown>, alias: string) => Number(raw[alias] ?? 0);
