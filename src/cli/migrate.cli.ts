import '../utc-process';
import 'reflect-metadata';
import { ConfigError, loadConfig } from '../config';
import { createDataSource } from '../db/data-source';
import { applyPragmas } from '../db/pragmas';
import { entities } from '../modules/entities';

/** `npm run migrate`: applies pending migrations to the database in DATABASE_URL. */
async function main(): Promise<void> {
  const config = loadConfig();
  const dataSource = createDataSource(config.database, entities);
  await dataSource.initialize();
  try {
    await applyPragmas(dataSource);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    console.log(applied.length ? applied.map((migration) => `applied ${migration.name}`).join('\n') : 'database is up to date');
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error) => {
  console.error(error instanceof ConfigError ? error.message : `migration failed: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});
