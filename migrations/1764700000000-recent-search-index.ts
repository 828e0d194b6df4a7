import type { MigrationInterface, QueryRunner } from 'typeorm';
import { isSqlite } from '../src/db/sqlite-engine';

/** Rows of each kind in its recent index: the newest articles, the newest quotes. */
export const RECENT_SEARCH_ROWS = 5_000;

/**
 * Every this many new rows, the recent index is merged into one segment: each new row also takes
 * an old one out, and the index grew to twice its size in segments of rows since removed, which
 * cost search a fifth of its speed on a 100,000-article archive built row by row. Merging 5,000
 * rows takes about 50 ms, once per thousand rows stored.
 */
export const RECENT_COMPACT_EVERY = 1_000;

/** The kinds that grow with the archive, and the columns their full index has (same order, so bm25 takes the same weights). */
const RECENT_INDEXES: { table: string; fts: string; columns: string[] }[] = [
  { table: 'article', fts: 'article_recent_fts', columns: ['headline', 'standfirst', 'body'] },
  { table: 'quote', fts: 'quote_recent_fts', columns: ['text'] },
];

const indexOf = (table: string) => RECENT_INDEXES.find((index) => index.table === table)!;
const values = (columns: string[], row: 'new' | 'old') => columns.map((column) => `${row}.${column}`).join(', ');
const floorOf = (table: string) => `(SELECT floor FROM search_recent_floor WHERE source = '${table}')`;

/**
 * Keeps `table`'s recent index holding exactly its rows with an id at or above the floor in
 * `search_recent_floor`, which rises as rows are added so that about `rows` stay above it: what
 * makes the index's newest matches the table's newest matches. An external-content index, so a
 * row leaving it is removed with the values it was indexed with (its row's current ones) and
 * bm25's statistics (row count, average length) stay those of the rows it holds. `rows` is a
 * parameter for the tests, which make it small. A rebuild of the table drops these triggers like
 * the full index's: a migration that rebuilds it puts both back.
 */
export async function createRecentSearchTriggers(queryRunner: QueryRunner, table: string, rows = RECENT_SEARCH_ROWS): Promise<void> {
  const { fts, columns } = indexOf(table);
  const list = columns.join(', ');
  const floor = floorOf(table);
  const newFloor = `(SELECT MAX(id) FROM ${table}) - ${Math.max(1, Math.floor(rows))} + 1`;
  const add = `INSERT INTO ${fts}(rowid, ${list}) SELECT new.id, ${values(columns, 'new')} WHERE new.id >= ${floor};`;
  const remove = `INSERT INTO ${fts}(${fts}, rowid, ${list}) SELECT 'delete', old.id, ${values(columns, 'old')} WHERE old.id >= ${floor};`;
  await queryRunner.query(`CREATE TRIGGER ${fts}_insert AFTER INSERT ON ${table} BEGIN
    ${add}
    INSERT INTO ${fts}(${fts}, rowid, ${list}) SELECT 'delete', id, ${list} FROM ${table} WHERE id >= ${floor} AND id < ${newFloor};
    UPDATE search_recent_floor SET floor = MAX(floor, ${newFloor}) WHERE source = '${table}';
    INSERT INTO ${fts}(${fts}) SELECT 'optimize' WHERE new.id % ${RECENT_COMPACT_EVERY} = 0; END`);
  await queryRunner.query(`CREATE TRIGGER ${fts}_delete AFTER DELETE ON ${table} BEGIN
    ${remove} END`);
  await queryRunner.query(`CREATE TRIGGER ${fts}_update AFTER UPDATE OF id, ${list} ON ${table} BEGIN
    ${remove}
    ${add} END`);
}

export async function dropRecentSearchTriggers(queryRunner: QueryRunner, table: string): Promise<void> {
  const { fts } = indexOf(table);
  for (const suffix of ['insert', 'delete', 'update']) await queryRunner.query(`DROP TRIGGER IF EXISTS ${fts}_${suffix}`);
}

/** Fills `table`'s recent index afresh with its newest `rows` rows (the migration; tests with a small window). */
export async function refillRecentSearchIndex(queryRunner: QueryRunner, table: string, rows = RECENT_SEARCH_ROWS): Promise<void> {
  const { fts, columns } = indexOf(table);
  const list = columns.join(', ');
  await queryRunner.query(`INSERT INTO ${fts}(${fts}) VALUES ('delete-all')`);
  await queryRunner.query(
    `INSERT INTO search_recent_floor (source, floor) VALUES ('${table}', COALESCE((SELECT MAX(id) FROM ${table}), 0) - ${Math.max(1, Math.floor(rows))} + 1)
     ON CONFLICT (source) DO UPDATE SET floor = excluded.floor`,
  );
  await queryRunner.query(`INSERT INTO ${fts}(rowid, ${list}) SELECT id, ${list} FROM ${table} WHERE id >= ${floorOf(table)}`);
}

/**
 * A second, small full-text index of the newest articles and quotes, for ranking.
 *
 * Search ranks each kind's newest matches (src/db/search-index.ts), but bm25 reads the whole list
 * of a term's matches for its statistics, so a common name (thousands of matches on a 100,000-article
 * archive) made search 1.5x slower than on 1,000 articles. When the newest rows already hold a
 * window's worth of matches, those are the kind's newest matches, ranked here with statistics
 * read off these rows only: bounded whatever the archive's size. Rarer terms use the full index,
 * where they have few matches anyway.
 *
 * SQLITE-SPECIFIC: FTS5 tables over the same rows as the full index (external content), kept by
 * triggers, with the floor of each in `search_recent_floor`.
 */
export class RecentSearchIndex1764700000000 implements MigrationInterface {
  name = 'RecentSearchIndex1764700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    if (!isSqlite(queryRunner.connection.options)) return;
    await queryRunner.query('CREATE TABLE search_recent_floor (source varchar(40) PRIMARY KEY NOT NULL, floor integer NOT NULL)');
    for (const { table, fts, columns } of RECENT_INDEXES) {
      await queryRunner.query(
        `CREATE VIRTUAL TABLE ${fts} USING fts5(${columns.join(', ')}, content='${table}', content_rowid='id', tokenize='unicode61 remove_diacritics 2')`,
      );
      await refillRecentSearchIndex(queryRunner, table);
      await createRecentSearchTriggers(queryRunner, table);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    if (!isSqlite(queryRunner.connection.options)) return;
    for (const { table, fts } of RECENT_INDEXES) {
      await dropRecentSearchTriggers(queryRunner, table);
      await queryRunner.query(`DROP TABLE IF EXISTS ${fts}`);
    }
    await queryRunner.query('DROP TABLE IF EXISTS search_recent_floor');
  }
}
