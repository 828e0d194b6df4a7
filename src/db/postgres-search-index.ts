import type { DataSource, WhereExpressionBuilder } from 'typeorm';
import { ALL_SEARCH_TYPES, SearchType } from '../shared/search-type.enum';
import { MARK_CLOSE, MARK_OPEN, toFtsQuery, toTsQuery } from './fts-query';
import { type SearchIndex, type SearchRow, whereIndexMatches } from './search-index';

/** ts_rank's weights for D, C, B, A: body 1, standfirst 4, headline 10 (as SQLite's bm25 weights), scaled to 1. */
const WEIGHTS = `'{0.1, 0.2, 0.4, 1.0}'`;
const SNIPPET_OPTIONS = `StartSel=${MARK_OPEN}, StopSel=${MARK_CLOSE}, MaxWords=24, MinWords=12, ShortWord=2, FragmentDelimiter=…, MaxFragments=1`;
const QUERY = `to_tsquery('newsgate', :q)`;

/** Each kind's table and the text its snippet is cut from. */
const KINDS: Record<SearchType, { table: string; snippet: string }> = {
  [SearchType.ARTICLE]: { table: 'article', snippet: `t.headline || ' — ' || coalesce(t.standfirst || ' ', '') || t.body` },
  [SearchType.QUOTE]: { table: 'quote', snippet: 't.text' },
  [SearchType.PERSON]: { table: 'person', snippet: `t.name || coalesce(' — ' || t.description, '')` },
};

/**
 * A kind's newest matches (highest id: the order rows were stored in) with their score, ranked
 * only once the newest are picked. `id + 0`: ordered by the primary key, PostgreSQL walked it
 * backwards testing every row's vector, and for a word that few rows have (or none, as for most
 * names in the quotes) that read the whole table: 125 ms for "Ivanova" in 300,000 quotes. The GIN
 * index finds the matches instead (0.1 ms there); a word in most rows ("the") now costs a scan
 * of them (210 ms on 100,000 articles, against 0.5 ms walking the key).
 */
const newest = (kind: SearchType, window: number) =>
  `(SELECT '${kind}' AS kind, id, ts_rank(${WEIGHTS}, search_vector, ${QUERY})::float8 AS score FROM (
      SELECT id, search_vector FROM ${KINDS[kind].table} WHERE search_vector @@ ${QUERY} ORDER BY id + 0 DESC LIMIT ${window}
    ) ${kind.toLowerCase()}_newest)`;

/**
 * The full-text engine on PostgreSQL: the `search_vector` columns and GIN indexes of migration
 * 1764800000000 (the `newsgate` configuration: simple words, unaccented). The same contract as
 * SqliteFtsIndex: the same words find the same rows (the last word as a prefix, phrases in order,
 * case and diacritics ignored), each kind's RANKED_MATCHES newest matches ranked, snippets marked
 * with MARK_OPEN/MARK_CLOSE; scores are ts_rank's, so they differ from bm25's in value.
 */
export class PostgresSearchIndex implements SearchIndex {
  private readonly branches: Record<SearchType, string>;

  constructor(
    private readonly dataSource: DataSource,
    rankedMatches: number,
  ) {
    const window = Math.max(1, Math.floor(rankedMatches));
    this.branches = Object.fromEntries(ALL_SEARCH_TYPES.map((kind) => [kind, newest(kind, window)])) as Record<SearchType, string>;
  }

  query(text: string): string | null {
    const fts = toFtsQuery(text);
    return fts === null ? null : toTsQuery(fts);
  }

  articleMatches(parameter: string): string {
    return `SELECT id, -ts_rank(${WEIGHTS}, search_vector, to_tsquery('newsgate', :${parameter}))::float8 AS rank FROM article WHERE search_vector @@ to_tsquery('newsgate', :${parameter})`;
  }

  personMatches(parameter: string): string {
    return `SELECT id FROM person WHERE search_vector @@ to_tsquery('newsgate', :${parameter})`;
  }

  quoteMatches(parameter: string): string {
    return `SELECT id FROM quote WHERE search_vector @@ to_tsquery('newsgate', :${parameter})`;
  }

  whereMatches(query: WhereExpressionBuilder, type: SearchType, idColumn: string, text: string): boolean {
    return whereIndexMatches(this, query, type, idColumn, text);
  }

  async search(
    ftsQuery: string,
    kinds: readonly SearchType[],
    limit: number,
    after: { score: number; kind: SearchType; id: number } | null,
  ) {
    const union = kinds.map((kind) => `SELECT * FROM ${this.branches[kind]} ${kind.toLowerCase()}_hits`).join(' UNION ALL ');
    const seek = after
      ? 'WHERE (score < :score) OR (score = :score AND kind > :kind) OR (score = :score AND kind = :kind AND id > :id)'
      : '';
    // ts_headline drops whatever its parser reads as an HTML tag ("<script>" in copy about an
    // attack); the angle brackets go in as private-use characters and come back out below.
    const snippet = `CASE top.kind ${ALL_SEARCH_TYPES.map(
      (kind) =>
        `WHEN '${kind}' THEN (SELECT ts_headline('newsgate', replace(replace(${KINDS[kind].snippet}, '<', U&'\\E000'), '>', U&'\\E001'), ${QUERY}, '${SNIPPET_OPTIONS}') FROM ${KINDS[kind].table} t WHERE t.id = top.id)`,
    ).join(' ')} END`;
    const [sql, parameters] = this.dataSource.driver.escapeQueryWithParameters(
      `SELECT top.kind, top.id, top.score, ${snippet} AS snippet FROM (
         SELECT kind, id, score FROM (${union}) hits ${seek} ORDER BY score DESC, kind ASC, id ASC LIMIT :limit
       ) top ORDER BY top.score DESC, top.kind ASC, top.id ASC`,
      { q: ftsQuery, limit, ...(after ?? {}) },
      {},
    );
    const rows: { kind: SearchType; id: number; score: number; snippet: string | null }[] = await this.dataSource.query(sql, parameters);
    // Scores as float8 (ts_rank gives float4): the shortest exact text of a double, so a cursor's score compares equal.
    return rows.map((row): SearchRow => ({
      kind: row.kind,
      id: Number(row.id),
      score: Number(row.score),
      snippet: (row.snippet ?? '').replace(/\uE000/g, '<').replace(/\uE001/g, '>'),
    }));
  }

  async count(ftsQuery: string, kinds: readonly SearchType[]): Promise<number> {
    const union = kinds.map((kind) => `SELECT COUNT(*) AS n FROM ${this.branches[kind]} ${kind.toLowerCase()}_hits`).join(' UNION ALL ');
    const [sql, parameters] = this.dataSource.driver.escapeQueryWithParameters(
      `SELECT SUM(n) AS n FROM (${union}) counts`,
      { q: ftsQuery },
      {},
    );
    const [row] = await this.dataSource.query(sql, parameters);
    return Number(row?.n ?? 0);
  }
}
