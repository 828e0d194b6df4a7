import fs from 'node:fs';
import path from 'node:path';
import sqlite3 from 'sqlite3';
import { DataSource, type DataSourceOptions, type Logger } from 'typeorm';
import { migrations } from '../../migrations';
import type { DatabaseConfig } from '../config';
import { applyPragmas } from './pragmas';
import { underStartupLock } from './startup-lock';
import { reusePreparedStatements } from './statement-cache';

/**
 * TypeORM switches sqlite3 into verbose mode, which records a stack trace on every call
 * (about 7% of the CPU time of a page request, measured with --cpu-prof). Errors still carry
 * the SQL through TypeORM's QueryFailedError, so hand it a driver whose verbose() is a no-op.
 */
const quietSqlite3 = Object.assign(Object.create(sqlite3) as typeof sqlite3, { verbose: () => sqlite3 });

/**
 * The entity classes the data source maps. The domain modules own them, so the composition layer
 * passes them in (`entities` in src/modules/entities.ts): the data layer imports no module.
 */
export type EntityList = NonNullable<DataSourceOptions['entities']>;

/** Connections each PostgreSQL DataSource (the primary, each replica) keeps in its pool. */
const POSTGRES_POOL_SIZE = 10;

/**
 * One DataSource on the database: a SQLite file (one connection, TypeORM's SQLite driver) or a
 * PostgreSQL server (a pool). `url` overrides the server for a replica; `readOnly` makes every
 * transaction on it read-only, the server-engine counterpart of SQLite's query_only.
 */
export function createDataSource(
  database: DatabaseConfig,
  entities: EntityList,
  logger?: Logger,
  { url, readOnly = false }: { url?: string; readOnly?: boolean } = {},
): DataSource {
  const common = {
    entities,
    migrations,
    // The schema only ever changes through migrations.
    synchronize: false,
    migrationsRun: false,
    logger,
    maxQueryExecutionTime: 500,
  } as const;
  if (database.type === 'postgres') {
    return new DataSource({
      type: 'postgres',
      url: url ?? database.url,
      ...common,
      extra: { max: POSTGRES_POOL_SIZE, ...(readOnly && { options: '-c default_transaction_read_only=on' }) },
    });
  }
  const engine =
    database.driver === 'better-sqlite3'
      ? ({ type: 'better-sqlite3', database: database.database } as const)
      : ({ type: database.type, database: database.database, driver: quietSqlite3 } as const);
  return new DataSource({ ...engine, ...common });
}

/**
 * The connections requests read through, beside the writer. SQLite: read-only connections to an
 * already migrated file; TypeORM's SQLite driver has one connection per DataSource, so each reader
 * is a DataSource of its own, and in WAL mode they read committed data alongside each other and
 * the writer (none for an in-memory database, which a second connection could not see).
 * PostgreSQL: one pooled, read-only DataSource per replica (DATABASE_REPLICA_URLS); none without
 * replicas, and the primary's pool takes the reads.
 */
export async function openReaders(database: DatabaseConfig, entities: EntityList, count: number, logger?: Logger): Promise<DataSource[]> {
  if (database.type === 'sqlite' && database.database === ':memory:') return [];
  const readers: DataSource[] = [];
  try {
    if (database.type === 'postgres') {
      for (const url of database.replicaUrls) {
        const reader = createDataSource(database, entities, logger, { url, readOnly: true });
        readers.push(reader);
        await reader.initialize();
      }
      return readers;
    }
    for (let index = 0; index < count; index += 1) {
      const reader = createDataSource(database, entities, logger);
      readers.push(reader);
      await reader.initialize();
      await applyPragmas(reader, { readOnly: true });
      reusePreparedStatements(reader);
    }
  } catch (error) {
    await Promise.all(readers.filter((reader) => reader.isInitialized).map((reader) => reader.destroy()));
    throw error;
  }
  return readers;
}

/** Opens the database (creating a SQLite file's folder when needed), sets pragmas and runs pending migrations. */
export async function openDatabase(database: DatabaseConfig, entities: EntityList, logger?: Logger): Promise<DataSource> {
  if (database.type === 'sqlite' && database.database !== ':memory:') {
    fs.mkdirSync(path.dirname(path.resolve(database.database)), { recursive: true });
  }
  const dataSource = createDataSource(database, entities, logger);
  await dataSource.initialize();
  try {
    await applyPragmas(dataSource);
    // One process at a time: gateways starting together on a new database (src/db/startup-lock.ts).
    await underStartupLock(dataSource, () => dataSource.runMigrations({ transaction: 'each' }));
    reusePreparedStatements(dataSource);
  } catch (error) {
    await dataSource.destroy();
    throw error;
  }
  return dataSource;
}
