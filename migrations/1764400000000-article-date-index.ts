import { type MigrationInterface, type QueryRunner, TableIndex } from 'typeorm';

/**
 * An index of each article's publication time by id, and fresh planner statistics. Lists that
 * order other rows by their article's date (related articles, a person's articles and quotes) look
 * the date up for every candidate before they keep a page: thousands for a person named in
 * thousands of articles. From this index that is a small-page lookup; from the article table it
 * was a page holding the whole body per candidate (a tenfold slower article page on 100,000
 * articles). ANALYZE (SQLite and PostgreSQL alike) gives the planner the statistics it needs to
 * prefer the index over the primary key.
 */
export class ArticleDateIndex1764400000000 implements MigrationInterface {
  name = 'ArticleDateIndex1764400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createIndex('article', new TableIndex({ name: 'idx_article_id_published', columnNames: ['id', 'published_at'] }));
    await queryRunner.query('ANALYZE');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('article', 'idx_article_id_published');
  }
}
