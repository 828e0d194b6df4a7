import type { MigrationInterface, QueryRunner } from 'typeorm';
import { isSqlite } from '../src/db/sqlite-engine';
import { VECTORS } from './1764800000000-postgres-search';

/** Characters that join words into one token for PostgreSQL's parser (host names, e-mail addresses, URLs, versions, decimals). */
const JOINERS = '.@/:_';

/**
 * Words in host names, e-mail addresses, URLs, version numbers and decimals are searchable on their
 * own, as on SQLite: PostgreSQL's parser keeps `statsbureau.example.org`, `4.17.2` or `7.25` whole,
 * while a query is split into words (src/db/fts-query.ts), so searching for them found nothing.
 * The search vectors now read the text with those joining characters as spaces.
 *
 * POSTGRES-ONLY (nothing on SQLite, whose unicode61 tokenizer already splits there): each
 * generated `search_vector` column and its GIN index made again with the new expression.
 */
export class PostgresSearchParts1765100000000 implements MigrationInterface {
  name = 'PostgresSearchParts1765100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    if (isSqlite(queryRunner.connection.options)) return;
    // Only between two letters or digits: "</script>" in copy stays a tag the parser skips.
    await this.rebuild(
      queryRunner,
      (column) => `regexp_replace(coalesce(${column}, ''), '([[:alnum:]])[${JOINERS}]+(?=[[:alnum:]])', '\\1 ', 'g')`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    if (isSqlite(queryRunner.connection.options)) return;
    await this.rebuild(queryRunner, (column) => `coalesce(${column}, '')`);
  }

  private async rebuild(queryRunner: QueryRunner, text: (column: string) => string): Promise<void> {
    for (const { table, columns } of VECTORS) {
      const vector = columns
        .map(([column, weight]) => `setweight(to_tsvector('newsgate'::regconfig, ${text(column)}), '${weight}')`)
        .join(' || ');
      await queryRunner.query(`DROP INDEX IF EXISTS idx_${table}_search`);
      await queryRunner.query(`ALTER TABLE ${table} DROP COLUMN search_vector`);
      await queryRunner.query(`ALTER TABLE ${table} ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (${vector}) STORED`);
      await queryRunner.query(`CREATE INDEX idx_${table}_search ON ${table} USING gin (search_vector)`);
    }
  }
}
