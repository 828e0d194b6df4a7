import { type MigrationInterface, type QueryRunner, Table, TableForeignKey } from 'typeorm';

const STAR_COLUMNS = [1, 2, 3, 4, 5].map((stars) => `stars_${stars}`);

/**
 * Each article's vote tally in a table of its own (votes, star sum, one count per star level),
 * kept in step by the vote transaction, so that reading a rating is one row, not a GROUP BY over
 * the votes. Not columns of `article`: the article's full-text trigger reindexes the whole
 * article on any update of its row, which every vote would then pay. Backfilled from the votes.
 */
export class RatingTally1764300000000 implements MigrationInterface {
  name = 'RatingTally1764300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const count = (name: string) => ({ name, type: 'integer', default: 0 });
    await queryRunner.createTable(
      new Table({
        name: 'article_rating',
        columns: [{ name: 'article_id', type: 'integer', isPrimary: true }, count('votes'), count('star_sum'), ...STAR_COLUMNS.map(count)],
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
    const perLevel = STAR_COLUMNS.map((_, index) => `SUM(CASE WHEN stars = ${index + 1} THEN 1 ELSE 0 END)`).join(', ');
    await queryRunner.query(
      `INSERT INTO article_rating (article_id, votes, star_sum, ${STAR_COLUMNS.join(', ')})
       SELECT article_id, COUNT(*), SUM(stars), ${perLevel} FROM vote GROUP BY article_id`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('article_rating');
  }
}
