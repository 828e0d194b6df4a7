import { badUserInput } from './errors';

/**
 * What a cursor's values may be: what a column can hold on every engine (PostgreSQL's integer and
 * timestamp ranges are narrower than JavaScript's, and a value past them is a database error, not
 * a bad cursor). Ids, counts and sums are 32-bit; scores and averages far inside float8; dates years 1-9999.
 */
const MAX_INT32 = 2_147_483_647;
const MAX_CURSOR_FLOAT = 1e15;
const MIN_TIME = Date.parse('0001-01-01T00:00:00Z');
const MAX_TIME = Date.parse('9999-12-31T23:59:59.999Z');
const inDateRange = (time: number) => !Number.isNaN(time) && time >= MIN_TIME && time <= MAX_TIME;

/**
 * Opaque keyset cursors: the sort key of the last row seen, tagged with what it orders, encoded
 * as base64url JSON. Keyset (not OFFSET) keeps pages stable when rows are inserted meanwhile.
 */
export type CursorKey = Record<string, string | number>;

export function encodeCursor(kind: string, key: CursorKey): string {
  return Buffer.from(JSON.stringify({ k: kind, ...key }), 'utf8').toString('base64url');
}

/**
 * Decodes a cursor made by `encodeCursor(kind, …)` whose fields have the types in `shape`
 * ('number' is a safe integer, 'float' any finite number, 'date' an ISO-8601 string);
 * anything else is the client's error.
 */
export function decodeCursor<T extends CursorKey>(
  cursor: string,
  kind: string,
  shape: { [K in keyof T]: 'string' | 'number' | 'float' | 'date' },
): T {
  const invalid = () => badUserInput(`"after" is not a valid cursor for this list: "${cursor}"`, { argumentName: 'after' });
  if (!/^[A-Za-z0-9_-]{1,512}$/.test(cursor)) throw invalid();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (typeof parsed !== 'object' || parsed === null || (parsed as { k?: unknown }).k !== kind) throw invalid();
  const record = parsed as Record<string, unknown>;
  const key: CursorKey = {};
  for (const [field, type] of Object.entries(shape)) {
    const value = record[field];
    const valid =
      type === 'date'
        ? typeof value === 'string' && inDateRange(Date.parse(value))
        : type === 'float'
          ? typeof value === 'number' && Number.isFinite(value) && Math.abs(value) <= MAX_CURSOR_FLOAT
          : typeof value === type && (type !== 'number' || (Number.isInteger(value) && Math.abs(value as number) <= MAX_INT32));
    if (!valid) throw invalid();
    key[field] = value as string | number;
  }
  return key as T;
}
