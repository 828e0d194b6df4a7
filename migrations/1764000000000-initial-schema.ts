import { type MigrationInterface, type QueryRunner, Table, TableCheck, TableForeignKey, TableIndex, TableUnique } from 'typeorm';

/**
 * Articles, people, mentions, quotes, votes and instance settings. Written with TypeORM's
 * schema builder rather than raw SQL so that a server engine gets the same tables.
 */
export class InitialSchema1764000000000 implements MigrationInterface {
  name = 'InitialSchema1764000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // The engine's own timestamp type: datetime on SQLite, timestamp on PostgreSQL.
    const timestamp = queryRunner.connection.driver.normalizeType({ type: Date });
    const id = { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' as const };

    await queryRunner.createTable(
      new Table({
        name: 'article',
        columns: [
          id,
          { name: 'slug', type: 'varchar', length: '160' },
          { name: 'headline', type: 'text' },
          { name: 'section', type: 'varchar', length: '100' },
          { name: 'published_at', type: timestamp },
          { name: 'updated_at', type: timestamp },
          { name: 'created_at', type: timestamp },
          { name: 'standfirst', type: 'text', isNullable: true },
          { name: 'body', type: 'text' },
          { name: 'image_url', type: 'text', isNullable: true },
          { name: 'image_credit', type: 'text', isNullable: true },
          { name: 'image_caption', type: 'text', isNullable: true },
          { name: 'source_url', type: 'text', isNullable: true },
        ],
        uniques: [new TableUnique({ name: 'uq_article_slug', columnNames: ['slug'] })],
        indices: [new TableIndex({ name: 'idx_article_published', columnNames: ['published_at', 'id'] })],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'person',
        columns: [
          id,
          { name: 'slug', type: 'varchar', length: '160' },
          { name: 'name', type: 'varchar', length: '200' },
          { name: 'normalized_name', type: 'varchar', length: '200' },
          { name: 'description', type: 'text', isNullable: true },
          { name: 'created_at', type: timestamp },
        ],
        uniques: [
          new TableUnique({ name: 'uq_person_slug', columnNames: ['slug'] }),
          new TableUnique({ name: 'uq_person_normalized_name', columnNames: ['normalized_name'] }),
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'mention',
        columns: [
          { name: 'article_id', type: 'integer', isPrimary: true },
          { name: 'person_id', type: 'integer', isPrimary: true },
          { name: 'role', type: 'varchar', length: '16' },
          { name: 'position', type: 'integer' },
        ],
        checks: [new TableCheck({ name: 'chk_mention_role', expression: `"role" IN ('QUOTED', 'MENTIONED')` })],
        foreignKeys: [
          new TableForeignKey({
            columnNames: ['article_id'],
            referencedTableName: 'article',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          }),
          new TableForeignKey({
            columnNames: ['person_id'],
            referencedTableName: 'person',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          }),
        ],
        indices: [new TableIndex({ name: 'idx_mention_person', columnNames: ['person_id', 'article_id'] })],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'quote',
        columns: [
          id,
          { name: 'article_id', type: 'integer' },
          { name: 'speaker_id', type: 'integer', isNullable: true },
          { name: 'text', type: 'text' },
          { name: 'attribution', type: 'text' },
          { name: 'paragraph_index', type: 'integer' },
          { name: 'position', type: 'integer' },
        ],
        foreignKeys: [
          new TableForeignKey({
            columnNames: ['article_id'],
            referencedTableName: 'article',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          }),
          new TableForeignKey({
            columnNames: ['speaker_id'],
            referencedTableName: 'person',
            referencedColumnNames: ['id'],
            onDelete: 'SET NULL',
          }),
        ],
        indices: [
          new TableIndex({ name: 'idx_quote_article', columnNames: ['article_id', 'position'] }),
          new TableIndex({ name: 'idx_quote_speaker', columnNames: ['speaker_id', 'article_id', 'position'] }),
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'vote',
        columns: [
          id,
          { name: 'article_id', type: 'integer' },
          { name: 'voter_hash', type: 'varchar', length: '64' },
          { name: 'stars', type: 'integer' },
          { name: 'created_at', type: timestamp },
          { name: 'updated_at', type: timestamp },
        ],
        uniques: [new TableUnique({ name: 'uq_vote_article_voter', columnNames: ['article_id', 'voter_hash'] })],
        checks: [new TableCheck({ name: 'chk_vote_stars', expression: `"stars" BETWEEN 1 AND 5` })],
        foreignKeys: [
          new TableForeignKey({
            columnNames: ['article_id'],
            referencedTableName: 'article',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          }),
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'instance_setting',
        columns: [
          { name: 'key', type: 'varchar', length: '64', isPrimary: true },
          { name: 'value', type: 'text' },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['instance_setting', 'vote', 'quote', 'mention', 'person', 'article']) {
      await queryRunner.dropTable(table);
    }
  }
}
