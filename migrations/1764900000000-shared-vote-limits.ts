import type { MigrationInterface, QueryRunner } from 'typeorm';
import { isSqlite } from '../src/db/sqlite-engine';

/**
 * Vote limits counted in the database, so that they hold across every gateway on it
 * (src/db/shared-rate-limits.ts): one row per limited key, in the layout rate-limiter-flexible's
 * RateLimiterPostgres reads and writes (points spent, and when they expire, in epoch milliseconds).
 *
 * POSTGRES-ONLY (nothing on SQLite): a SQLite file has one gateway, which counts in memory.
 */
export class SharedVoteLimits1764900000000 implements MigrationInterface {
  name = 'SharedVoteLimits1764900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    if (isSqlite(queryRunner.connection.options)) return;
    await queryRunner.query(
      'CREATE UNLOGGED TABLE vote_limit (key varchar(255) PRIMARY KEY, points integer NOT NULL DEFAULT 0, expire bigint)',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    if (isSqlite(queryRunner.connection.options)) return;
    await queryRunner.query('DROP TABLE IF EXISTS vote_limit');
  }
}
