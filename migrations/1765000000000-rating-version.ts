import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A version on each article's tally, one more with every group of votes that changes it (under
 * the same row lock), so that tallies announced by several gateways can be put back in order:
 * a `ratingChanged` subscriber never gets an older tally after a newer one. Portable SQL.
 */
export class RatingVersion1765000000000 implements MigrationInterface {
  name = 'RatingVersion1765000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE article_rating ADD COLUMN version integer NOT NULL DEFAULT 0');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE article_rating DROP COLUMN version');
  }
}
