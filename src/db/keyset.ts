/**
 * Keyset ("seek") pagination: the WHERE clause that selects the rows strictly after a cursor's
 * sort key, for any mix of ascending and descending columns. Plain SQL that every engine runs.
 */
export interface KeysetColumn {
  /** SQL expression of the column, e.g. `article.published_at`. */
  expression: string;
  direction: 'ASC' | 'DESC';
  /** The cursor's value for this column. */
  value: unknown;
}

export interface KeysetCondition {
  where: string;
  parameters: Record<string, unknown>;
}

/**
 * (a > :a) OR (a = :a AND b > :b) OR (a = :a AND b = :b AND c > :c) …, with `<` for DESC columns.
 * The last column must be unique so that the order is total.
 */
export function keysetAfter(columns: readonly KeysetColumn[], parameterPrefix = 'keyset'): KeysetCondition {
  if (columns.length === 0) throw new Error('keysetAfter needs at least one column');
  const parameters: Record<string, unknown> = {};
  columns.forEach((column, index) => {
    parameters[`${parameterPrefix}${index}`] = column.value;
  });
  const alternatives = columns.map((column, index) => {
    const equalities = columns.slice(0, index).map((previous, j) => `${previous.expression} = :${parameterPrefix}${j}`);
    const comparison = `${column.expression} ${column.direction === 'ASC' ? '>' : '<'} :${parameterPrefix}${index}`;
    return `(${[...equalities, comparison].join(' AND ')})`;
  });
  return { where: `(${alternatives.join(' OR ')})`, parameters };
}
