import { type MigrationInterface, type QueryRunner, TableIndex } from 'typeorm';
import { isSqlite } from '../src/db/sqlite-engine';

/**
 * Full-text search over articles, quotes and people, and the indexes the archive filters use.
 *
 * SQLITE-SPECIFIC: the FTS5 virtual tables and the triggers that keep them in step with their
 * tables (so imports, updates and deletes are searchable at once) exist only on SQLite. A server
 * engine supplies its own index behind src/modules/search/search-index.ts instead.
 * unicode61 with remove_diacritics folds case and accents: "Kyïv" matches "Kyiv".
 */
const INDEXES: { table: string; fts: string; columns: string[]; values: (row: 'new' | 'old') => string }[] = [
  {
    table: 'article',
    fts: 'article_fts',
    columns: ['headline', 'standfirst', 'body'],
    values: (row) => `${row}.id, ${row}.headline, ${row}.standfirst, ${row}.body`,
  },
  { table: 'quote', fts: 'quote_fts', columns: ['text'], values: (row) => `${row}.id, ${row}.text` },
  { table: 'person', fts: 'person_fts', columns: ['name', 'description'], values: (row) => `${row}.id, ${row}.name, ${row}.description` },
];

/** SQLite keeps `table`'s search index in step through these triggers (a rebuild of the table drops them: later migrations put them back). */
export async function createSearchTriggers(queryRunner: QueryRunner, table: string): Promise<void> {
  const { fts, columns, values } = INDEXES.find((index) => index.table === table)!;
  const list = columns.join(', ');
  await queryRunner.query(`CREATE TRIGGER ${fts}_insert AFTER INSERT ON ${table} BEGIN
    INSERT INTO ${fts}(rowid, ${list}) VALUES (${values('new')}); END`);
  await queryRunner.query(`CREATE TRIGGER ${fts}_delete AFTER DELETE ON ${table} BEGIN
    INSERT INTO ${fts}(${fts}, rowid, ${list}) VALUES ('delete', ${values('old')}); END`);
  await queryRunner.query(`CREATE TRIGGER ${fts}_update AFTER UPDATE ON ${table} BEGIN
    INSERT INTO ${fts}(${fts}, rowid, ${list}) VALUES ('delete', ${values('old')});
    INSERT INTO ${fts}(rowid, ${list}) VALUES (${values('new')}); END`);
}

export async function dropSearchTriggers(queryRunner: QueryRunner, table: string): Promise<void> {
  const { fts } = INDEXES.find((index) => index.table === table)!;
  for (const suffix of ['insert', 'delete', 'update']) await queryRunner.query(`DROP TRIGGER IF EXISTS ${fts}_${suffix}`);
}

export class SearchIndex1764200000000 implements MigrationInterface {
  name = 'SearchIndex1764200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createIndex(
      'article',
      new TableIndex({ name: 'idx_article_section', columnNames: ['section', 'published_at', 'id'] }),
    );
    if (!isSqlite(queryRunner.connection.options)) return;
    for (const { table, fts, columns } of INDEXES) {
      await queryRunner.query(
        `CREATE VIRTUAL TABLE ${fts} USING fts5(${columns.join(', ')}, content='${table}', content_rowid='id', tokenize='unicode61 remove_diacritics 2')`,
      );
      await createSearchTriggers(queryRunner, table);
      await queryRunner.query(`INSERT INTO ${fts}(${fts}) VALUES ('rebuild')`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    if (isSqlite(queryRunner.connection.options)) {
      for (const { table, fts } of INDEXES) {
        await dropSearchTriggers(queryRunner, table);
        await queryRunner.query(`DROP TABLE IF EXISTS ${fts}`);
      }
    }
    await queryRunner.dropIndex('article', 'idx_article_section');
  }
}
