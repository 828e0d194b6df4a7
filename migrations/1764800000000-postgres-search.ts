import type { MigrationInterface, QueryRunner } from 'typeorm';
import { isSqlite } from '../src/db/sqlite-engine';

/** Each searchable table's search vector: its columns with their weights (A highest). Also read by 1765100000000. */
export const VECTORS: { table: string; columns: [column: string, weight: 'A' | 'B' | 'D'][] }[] = [
  {
    table: 'article',
    columns: [
      ['headline', 'A'],
      ['standfirst', 'B'],
      ['body', 'D'],
    ],
  },
  { table: 'quote', columns: [['text', 'D']] },
  {
    table: 'person',
    columns: [
      ['name', 'A'],
      ['description', 'B'],
    ],
  },
];

/**
 * Full-text search on PostgreSQL, the counterpart of SQLite's FTS5 tables (1764200000000).
 *
 * POSTGRES-ONLY (nothing on SQLite): the `newsgate` text search configuration (the simple parser,
 * with unaccent, so "Kyïv" matches "Kyiv" and case folds, and no stemming, like SQLite's
 * unicode61), a `search_vector` column on each searchable table that PostgreSQL keeps in step
 * (a generated column: every insert and update is searchable at once), weighted headline above
 * standfirst above body and name above description, and a GIN index on each.
 * src/db/postgres-search-index.ts queries them.
 */
export class PostgresSearch1764800000000 implements MigrationInterface {
  name = 'PostgresSearch1764800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    if (isSqlite(queryRunner.connection.options)) return;
    // unaccent is a trusted extension (PostgreSQL 13+): the database owner may create it.
    await queryRunner.query('CREATE EXTENSION IF NOT EXISTS unaccent');
    await queryRunner.query('CREATE TEXT SEARCH CONFIGURATION newsgate (COPY = simple)');
    await queryRunner.query('ALTER TEXT SEARCH CONFIGURATION newsgate ALTER MAPPING FOR hword, hword_part, word WITH unaccent, simple');
    for (const { table, columns } of VECTORS) {
      const vector = columns
        .map(([column, weight]) => `setweight(to_tsvector('newsgate'::regconfig, coalesce(${column}, '')), '${weight}')`)
        .join(' || ');
      await queryRunner.query(`ALTER TABLE ${table} ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (${vector}) STORED`);
      await queryRunner.query(`CREATE INDEX idx_${table}_search ON ${table} USING gin (search_vector)`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    if (isSqlite(queryRunner.connection.options)) return;
    for (const { table } of VECTORS) {
      await queryRunner.query(`DROP INDEX IF EXISTS idx_${table}_search`);
      await queryRunner.query(`ALTER TABLE ${table} DROP COLUMN IF EXISTS search_vector`);
    }
    await queryRunner.query('DROP TEXT SEARCH CONFIGURATION IF EXISTS newsgate');
  }
}
