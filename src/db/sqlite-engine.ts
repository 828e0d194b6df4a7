import type { DataSourceOptions } from 'typeorm';

/** Whether a data source is SQLite, through either driver (the SQLite-only settings and features check this). */
export function isSqlite(options: DataSourceOptions): boolean {
  return options.type === 'sqlite' || options.type === 'better-sqlite3';
}
