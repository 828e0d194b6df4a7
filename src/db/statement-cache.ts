import type sqlite3 from 'sqlite3';
import type { DataSource } from 'typeorm';

/** Prepared statements kept per connection; the least recently used is finalized beyond this. */
export const CACHED_STATEMENTS = 256;

/** What a caller can wait for: the prepares under way (a statement is used only once prepared). */
export interface KeptStatements {
  settled(): Promise<void>;
}

type RowsCallback = (this: sqlite3.Statement, error: Error | null, rows: unknown[]) => void;

/**
 * SQLite with the `sqlite3` driver only. TypeORM runs every statement with `Database#all`, which
 * prepares it, runs it and finalizes it: two trips to libuv's thread pool, and a finalize on the
 * event loop that waits for the connection's mutex while another statement runs (`perf` put the
 * thread hand-offs and that wait at a sixth of an article page's time). Here a SELECT the
 * connection has run before runs on its kept prepared statement: one trip, no finalize. The SQL
 * text is the key, and the gateway's reads send the same text again with new parameters (see
 * `IdListRead`), so a few hundred statements cover them.
 *
 * Safe because a statement that has run to its end holds no read transaction (WAL checkpoints
 * are not held back), SQLite re-prepares a statement after a schema change by itself, and the
 * driver runs calls on one statement one after another. A text runs once the ordinary way
 * before it is kept, so an error in it reads as before. The kept statements are finalized before
 * the connection closes (SQLite refuses to close while any is left).
 */
export function reusePreparedStatements(dataSource: DataSource, capacity = CACHED_STATEMENTS): KeptStatements {
  if (dataSource.options.type !== 'sqlite') return { settled: () => Promise.resolve() };
  const db = (dataSource.driver as unknown as { databaseConnection: sqlite3.Database }).databaseConnection;
  const statements = new Map<string, sqlite3.Statement>();
  /** Texts that have run without error once, oldest first: kept the next time they run. */
  const seen = new Set<string>();
  /** Prepares under way, each settling when its statement is kept or given up (close waits for them). */
  const preparing = new Map<string, Promise<void>>();
  const all = db.all.bind(db) as (sql: string, params: unknown, callback: RowsCallback) => sqlite3.Database;
  const close = db.close.bind(db);
  // Once closing has begun, statements still arriving (requests in flight at shutdown) run the ordinary way.
  let closing = false;

  // A statement is used only once prepared: node-sqlite3 drops, without calling back, the calls
  // queued on a statement whose prepare fails.
  const keep = (sql: string) => {
    if (preparing.has(sql)) return;
    const settled = new Promise<void>((resolve) => {
      const statement = db.prepare(sql, (error: Error | null) => {
        preparing.delete(sql);
        if (error) return resolve();
        if (closing) return void statement.finalize(() => resolve());
        statements.set(sql, statement);
        if (statements.size > capacity) {
          const [oldest, evicted] = statements.entries().next().value as [string, sqlite3.Statement];
          statements.delete(oldest);
          evicted.finalize();
        }
        resolve();
      });
    });
    preparing.set(sql, settled);
  };

  const remember = (sql: string) => {
    seen.add(sql);
    if (seen.size > capacity * 4) seen.delete(seen.values().next().value as string);
  };

  db.all = ((sql: string, params: unknown, callback: RowsCallback) => {
    if (closing || !/^\s*SELECT\b/i.test(sql)) return all(sql, params, callback);
    const statement = statements.get(sql);
    if (!statement) {
      // Kept from the second time it runs: a text run once (a one-off lookup) costs no statement.
      if (seen.has(sql)) keep(sql);
      // TypeORM's callback reads the statement as `this` (changes, lastID).
      return all(sql, params, function (this: sqlite3.Statement, error, rows) {
        if (!error) remember(sql);
        callback.call(this, error, rows);
      });
    }
    // Most recently used last, so the first entry is the one to evict. A text has the same
    // placeholders every time, so every call binds all of them.
    statements.delete(sql);
    statements.set(sql, statement);
    statement.all((params as unknown[] | undefined) ?? [], callback);
    return db;
  }) as typeof db.all;

  db.close = ((callback?: (error: Error | null) => void) => {
    closing = true;
    void Promise.all(preparing.values()).then(() => {
      const kept = [...statements.values()];
      statements.clear();
      let left = kept.length;
      if (left === 0) return close(callback);
      for (const statement of kept) {
        statement.finalize(() => {
          left -= 1;
          if (left === 0) close(callback);
        });
      }
    });
    return db;
  }) as typeof db.close;

  return { settled: () => Promise.all(preparing.values()).then(() => undefined) };
}
