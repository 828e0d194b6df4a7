import type { MigrationInterface, QueryRunner } from 'typeorm';
import { isSqlite } from '../src/db/sqlite-engine';

/** Rows of each kind in its recent index: the newest articles, the newest quotes. */
export const RECENT_SEARCH_ROWS = 5_000;

/** The kinds that grow with the archive, and the columns their full index has (same order, so bm25 takes the same weights). */
const RECENT_INDEXES: { table: string; fts: string; columns: string[] }[] = [
  { table: 'article', fts: 'article_recent_fts', columns: ['headline', 'standfirst', 'body'] },
  { table: 'quote', fts: 'quote_recent_fts', columns: ['text'] },
];

const indexOf = (table: string) => RECENT_INDEXES.find((index) => index.table === table)!;
const values = (columns: string[], row: 'new' | 'old') => columns.map((column) => `${row}.${column}`).join(', ');

/**
 * Keeps `table`'s recent index holding exactly its rows with an id above (newest id − `rows`):
 * a new row goes in and the one that falls out of the window leaves, an updated row is indexed
 * again if it is in the window, a deleted one leaves. Ids only grow (AUTOINCREMENT), so the index
 * always holds every row above some id: what makes its newest matches the table's newest matches.
 * `rows` is a parameter for the tests, which make it small; a rebuild of the table drops these
 * triggers too, and a migration that rebuilds it puts them back.
 */
export async function createRecentSearchTriggers(queryRunner: QueryRunner, table: string, rows = RECENT_SEARCH_ROWS): Promise<void> {
  const { fts, columns } = indexOf(table);
  const list = columns.join(', ');
  const floor = `(SELECT MAX(id) FROM ${table}) - ${Math.max(1, Math.floor(rows))}`;
  await queryRunner.query(`CREATE TRIGGER ${fts}_insert AFTER INSERT ON ${table} BEGIN
    INSERT INTO ${fts}(rowid, ${list}) SELECT new.id, ${values(columns, 'new')} WHERE new.id > ${floor};
    DELETE FROM ${fts} WHERE rowid <= ${floor}; END`);
  await queryRunner.query(`CREATE TRIGGER ${fts}_delete AFTER DELETE ON ${table} BEGIN
    DELETE FROM ${fts} WHERE rowid = old.id; END`);
  await queryRunner.query(`CREATE TRIGGER ${fts}_update AFTER UPDATE ON ${table} BEGIN
    DELETE FROM ${fts} WHERE rowid = old.id;
    INSERT INTO ${fts}(rowid, ${list}) SELECT new.id, ${values(columns, 'new')} WHERE new.id > ${floor}; END`);
}

export async function dropRecentSearchTriggers(queryRunner: QueryRunner, table: string): Promise<void> {
  const { fts } = indexOf(table);
  for (const suffix of ['insert', 'delete', 'update']) await queryRunner.query(`DROP TRIGGER IF EXISTS ${fts}_${suffix}`);
}

/** Fills `table`'s recent index afresh with its newest `rows` rows (the migration; tests with a small window). */
export async function refillRecentSearchIndex(queryRunner: QueryRunner, table: string, rows = RECENT_SEARCH_ROWS): Promise<void> {
  const { fts, columns } = indexOf(table);
  const list = columns.join(', ');
  await queryRunner.query(`DELETE FROM ${fts}`);
  await queryRunner.query(
    `INSERT INTO ${fts}(rowid, ${list}) SELECT id, ${list} FROM ${table} WHERE id > (SELECT MAX(id) FROM ${table}) - ${Math.max(1, Math.floor(rows))}`,
  );
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
 * SQLITE-SPECIFIC: FTS5 contentless tables whose rows can be deleted (SQLite 3.43+), kept by triggers.
 * Snippets still come from the full index.
 */
export class RecentSearchIndex1764700000000 implements MigrationInterface {
  name = 'RecentSearchIndex1764700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    if (!isSqlite(queryRunner.connection.options)) return;
    for (const { table, fts, columns } of RECENT_INDEXES) {
      await queryRunner.query(
        `CREATE VIRTUAL TABLE ${fts} USING fts5(${columns.join(', ')}, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2')`,
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
  }
}
