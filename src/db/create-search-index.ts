import type { DataSource } from 'typeorm';
import { PostgresSearchIndex } from './postgres-search-index';
import { RANKED_MATCHES, type SearchIndex, SqliteFtsIndex } from './search-index';
import { isSqlite } from './sqlite-engine';

/** The search index of a data source's engine: FTS5 tables on SQLite, tsvector columns on PostgreSQL. */
export function createSearchIndex(dataSource: DataSource): SearchIndex {
  return isSqlite(dataSource.options) ? new SqliteFtsIndex(dataSource) : new PostgresSearchIndex(dataSource, RANKED_MATCHES);
}
