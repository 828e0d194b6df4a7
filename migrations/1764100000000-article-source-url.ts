import { type MigrationInterface, type QueryRunner, TableIndex } from 'typeorm';

/** Re-imports find an article by its source URL: at most one article per URL. */
export class ArticleSourceUrl1764100000000 implements MigrationInterface {
  name = 'ArticleSourceUrl1764100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createIndex(
      'article',
      new TableIndex({ name: 'uq_article_source_url', columnNames: ['source_url'], isUnique: true, where: '"source_url" IS NOT NULL' }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('article', 'uq_article_source_url');
  }
}
