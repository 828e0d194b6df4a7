import type { EntityMetadata } from 'typeorm';

/**
 * What the GraphQL fields of an entity's type read, for the fields that are not a column of
 * their own name: a renamed column (`standfirst` is `summary`), a getter over several columns.
 * Any other field reads no column beyond the primary key (relations, counts, field resolvers that
 * load what they need by id).
 */
export type FieldColumns = Readonly<Record<string, readonly string[]>>;

/**
 * The entity properties a read selects for the fields an operation asks for: the primary key,
 * `always` (what the read itself needs, such as its sort keys), each field that is a selected
 * column of the same name, and what `derived` says the others read. Columns read only on request
 * (`select: false`) stay out. In the entity's column order, so equal sets give equal SQL. Each
 * value left out is one the driver does not convert into JavaScript: on the front page, a person's
 * slug and description were a third of the values read.
 */
export function columnsFor(
  metadata: EntityMetadata,
  fields: Iterable<string>,
  derived: FieldColumns = {},
  always: readonly string[] = [],
): string[] {
  const wanted = new Set(always);
  for (const field of fields) for (const property of derived[field] ?? [field]) wanted.add(property);
  return metadata.columns
    .filter((column) => column.isSelect && (column.isPrimary || wanted.has(column.propertyName)))
    .map((column) => column.propertyName);
}
