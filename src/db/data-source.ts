import path from 'node:path';
import fs from 'node:fs';
import { DataSource, Logger } from 'typeorm';
import { migrations } from '../../migrations';
import type { DatabaseConfig } from '../config';
import { entities } from './entities';
import { applyPragmas } from './pragmas';

export function createDataSource(database: DatabaseConfig, logger?: Logger): DataSource {
  return new DataSource({
    type: database.type,
    database: database.database,
    entities,
    migrations,
    // The schema only ever changes through migrations.
    synchronize: false,
    migrationsRun: false,
    logger,
    maxQueryExecutionTime: 500,
  });
}

/** Opens the database (creating its folder when needed), sets pragmas and runs pending migrations. */
export async function openDatabase(database: DatabaseConfig, logger?: Logger): Promise<DataSource> {
  if (database.database !== ':memory:') {
    fs.mkdirSync(path.dirname(path.resolve(database.database)), { recursive: true });
  }
  const dataSource = createDataSource(database, logger);
  await dataSource.initialize();
  try {
    await applyPragmas(dataSource);
    await dataSource.runMigrations({ transaction: 'each' });
  } catch (error) {
    await dataSource.destroy();
    throw error;
  }
  return dataSource;
}
