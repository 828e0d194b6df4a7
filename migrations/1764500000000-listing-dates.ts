import { type MigrationInterface, type QueryRunner, TableColumn, TableIndex } from 'typeorm';
import { isSqlite } from '../src/db/sqlite-engine';
import { createSearchTriggers, dropSearchTriggers } from './1764200000000-search-index';

const TABLES = [
  { table: 'mention', index: 'idx_mention_person_published', columns: ['person_id', 'published_at', 'article_id'] },
  { table: 'quote', index: 'idx_quote_speaker_published', columns: ['speaker_id', 'published_at', 'article_id', 'position'] },
];

/**
 * The article's publication time copied onto its mentions and quotes, with an index per person
 * (and speaker) in date order. A person's articles and quotes are listed newest first: ordered
 * by the article's date, every list read looked up the date of every article the person was ever
 * named in before keeping a page (1,700 lookups for a person named often in 100,000 articles,
 * a person page twice as slow as on 1,000). From these indexes a page reads its own rows. Mentions
 * and quotes are only ever written with their article (an import replaces them), so the copy
 * cannot drift. Backfilled, then made NOT NULL (portable steps: SQLite rebuilds the table).
 *
 * SQLITE-SPECIFIC: the rebuild drops the quote table's search triggers; they are dropped first
 * (the backfill would otherwise reindex every quote's text) and put back after.
 */
export class ListingDates1764500000000 implements MigrationInterface {
  name = 'ListingDates1764500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // The engine's own timestamp type, as article.published_at: datetime on SQLite, timestamp on PostgreSQL.
    const timestamp = queryRunner.connection.driver.normalizeType({ type: Date });
    const sqlite = isSqlite(queryRunner.connection.options);
    if (sqlite) await dropSearchTriggers(queryRunner, 'quote');
    for (const { table, index, columns } of TABLES) {
      await queryRunner.addColumn(table, new TableColumn({ name: 'published_at', type: timestamp, isNullable: true }));
      await queryRunner.query(
        `UPDATE ${table} SET published_at = (SELECT article.published_at FROM article WHERE article.id = ${table}.article_id)`,
      );
      await queryRunner.changeColumn(table, 'published_at', new TableColumn({ name: 'published_at', type: timestamp, isNullable: false }));
      await queryRunner.createIndex(table, new TableIndex({ name: index, columnNames: columns }));
    }
    if (sqlite) await createSearchTriggers(queryRunner, 'quote');
    await queryRunner.query('ANALYZE');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const sqlite = isSqlite(queryRunner.connection.options);
    if (sqlite) await dropSearchTriggers(queryRunner, 'quote');
    for (const { table, index } of TABLES) {
      await queryRunner.dropIndex(table, index);
      await queryRunner.dropColumn(table, 'published_at');
    }
    if (sqlite) await createSearchTriggers(queryRunner, 'quote');
  }
}
