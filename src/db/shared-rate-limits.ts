import { type RateLimiterAbstract, RateLimiterMemory, RateLimiterPostgres } from 'rate-limiter-flexible';
import type { DataSource } from 'typeorm';
import { isSqlite } from './sqlite-engine';

/** One limit: `points` per `duration` seconds for each key, counted under `keyPrefix`. */
export interface RateLimitSpec {
  keyPrefix: string;
  points: number;
  duration: number;
}

/** Makes the rate limiters a process counts with. */
export type RateLimiterFactory = (spec: RateLimitSpec) => RateLimiterAbstract;

/** In this process's memory: exact for the one gateway on a SQLite file, and for tools and tests. */
export const inMemoryRateLimiters: RateLimiterFactory = (spec) => new RateLimiterMemory(spec);

/**
 * Rate limiters every gateway on the database counts with, or null where one gateway's memory is
 * the whole count. ENGINE-SPECIFIC. SQLite: null (a file has one gateway). PostgreSQL: in the database's `vote_limit` table (migration 1764900000000), through
 * rate-limiter-flexible's RateLimiterPostgres on the primary's pool, so the limits hold across
 * every gateway on it: one upsert per limit taken. Expiry times are written from each gateway's
 * clock (keep them in sync, as for anything else).
 */
export function sharedRateLimiters(dataSource: DataSource): RateLimiterFactory | null {
  if (isSqlite(dataSource.options)) return null;
  return (spec) =>
    new RateLimiterPostgres({
      ...spec,
      storeClient: dataSource,
      storeType: 'typeorm',
      tableName: 'vote_limit',
      // Made by the migration, not by the library on first use.
      tableCreated: true,
    });
}
