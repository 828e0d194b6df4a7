import type { Logger as PinoLogger } from 'pino';
import type { Logger, QueryRunner } from 'typeorm';
import { statementScope } from './statement-scope';

/**
 * TypeORM logger that counts every SQL statement the gateway sends (tests assert how many a
 * request costs; each request's own count goes to its log line, see statement-scope.ts) and hands errors, slow queries and migrations to the application logger.
 */
export class QueryCounter implements Logger {
  private count = 0;

  /** Told of every failed statement, with the connection it failed on (replica routing notices a replica going away). */
  onError?: (error: unknown, queryRunner: QueryRunner | undefined) => void;

  constructor(private readonly appLog?: PinoLogger) {}

  /** Statements sent since the counter was made or last reset. */
  get statements(): number {
    return this.count;
  }

  reset(): void {
    this.count = 0;
  }

  logQuery(query: string, parameters?: unknown[], _queryRunner?: QueryRunner): void {
    this.count += 1;
    const tally = statementScope.getStore();
    if (tally) tally.statements += 1;
    this.appLog?.trace({ query, parameters }, 'sql');
  }

  // Parameters stay out of warnings (logged at the default level): they hold voter hashes and imported copy.
  logQueryError(error: string | Error, query: string, _parameters?: unknown[], queryRunner?: QueryRunner): void {
    this.appLog?.warn({ err: error, query }, 'sql error');
    this.onError?.(error, queryRunner);
  }

  logQuerySlow(time: number, query: string, _parameters?: unknown[], _queryRunner?: QueryRunner): void {
    this.appLog?.warn({ time, query }, 'slow sql');
  }

  logSchemaBuild(message: string, _queryRunner?: QueryRunner): void {
    this.appLog?.debug(message);
  }

  logMigration(message: string, _queryRunner?: QueryRunner): void {
    this.appLog?.info(message);
  }

  log(level: 'log' | 'info' | 'warn', message: unknown, _queryRunner?: QueryRunner): void {
    if (level === 'warn') this.appLog?.warn(String(message));
    else this.appLog?.debug(String(message));
  }
}
