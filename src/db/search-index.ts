import { Brackets, type DataSource, type WhereExpressionBuilder } from 'typeorm';
import { ALL_SEARCH_TYPES, SearchType } from '../shared/search-type.enum';
import { MARK_CLOSE, MARK_OPEN, toFtsQuery } from './fts-query';

/** One ranked hit, before its node is loaded. */
export interface SearchRow {
  kind: SearchType;
  id: number;
  /** Higher is better. */
  score: number;
  /** Matched text with MARK_OPEN / MARK_CLOSE around the matched terms, not yet HTML-escaped. */
  snippet: string;
}

/**
 * The full-text engine behind search, the `query` filters and RELEVANCE order. This is the one
 * engine-specific part of the data layer: SqliteFtsIndex below uses SQLite FTS5 (tables and
 * triggers from the search-index migration); a server engine supplies its own implementation.
 * `ftsQuery` is always the output of `query()`, never raw user input. The article, person and
 * quote services use the `…Matches` fragments for their `query` filters; the search module ranks.
 */
export interface SearchIndex {
  /**
   * The engine's query for what a user typed (every word plain text, phrases kept, the last word a
   * prefix; see toFtsQuery), or null when nothing searchable is left. The `:parameter` of the
   * fragments below and the `ftsQuery` of search and count take this.
   */
  query(text: string): string | null;
  /** SQL selecting `id` and `rank` (lower is better) of the articles matching `:${parameter}`. */
  articleMatches(parameter: string): string;
  /** SQL selecting the `id` of the people matching `:${parameter}`. */
  personMatches(parameter: string): string;
  /** SQL selecting the `id` of the quotes matching `:${parameter}`. */
  quoteMatches(parameter: string): string;
  /** Ranked hits over the kinds asked for, best first, after an optional position in that order; an engine may rank only each kind's newest matches (see RANKED_MATCHES). */
  search(
    ftsQuery: string,
    kinds: readonly SearchType[],
    limit: number,
    after: { score: number; kind: SearchType; id: number } | null,
  ): Promise<SearchRow[]>;
  /** How many hits `search` pages through for this query and kinds. */
  count(ftsQuery: string, kinds: readonly SearchType[]): Promise<number>;
  /**
   * The `query` filter of the article, person and quote lists: narrows `query` to the rows whose
   * `idColumn` matches the words in `text`. False when `text` has nothing to search for (the list is empty).
   */
  whereMatches(query: WhereExpressionBuilder, type: SearchType, idColumn: string, text: string): boolean;
}

/** SearchIndex.whereMatches for any engine: `idColumn` among the ids the kind's match fragment selects. */
export function whereIndexMatches(
  index: Pick<SearchIndex, 'query' | 'articleMatches' | 'personMatches' | 'quoteMatches'>,
  query: WhereExpressionBuilder,
  type: SearchType,
  idColumn: string,
  text: string,
): boolean {
  const engineQuery = index.query(text);
  if (engineQuery === null) return false;
  const matches = {
    [SearchType.ARTICLE]: () => index.articleMatches('fts'),
    [SearchType.PERSON]: () => index.personMatches('fts'),
    [SearchType.QUOTE]: () => index.quoteMatches('fts'),
  }[type]();
  // Bracketed, so that it ANDs with whatever else the query says.
  query.andWhere(new Brackets((where) => where.where(`${idColumn} IN (SELECT id FROM (${matches}) matches)`, { fts: engineQuery })));
  return true;
}

// Headline weighted above standfirst above body; a person's name above their description.
const ARTICLE_WEIGHTS = '10.0, 4.0, 1.0';
const ARTICLE_RANK = `bm25(article_fts, ${ARTICLE_WEIGHTS})`;
const PERSON_WEIGHTS = '10.0, 2.0';
const SNIPPET_WORDS = 24;
const marks = `'${MARK_OPEN}', '${MARK_CLOSE}'`;

/**
 * How many of each kind's matches are ranked: the newest (highest rowid, the order rows were
 * stored in), read straight off the index without scoring the rest. A name in a 100,000-article
 * archive matches thousands of rows and scoring them all grew the search fourfold (1,000 still
 * left it 1.9x slower than on 1,000 articles). Past this many, older matches stay reachable
 * through the lists' `query` filter (with totalCount of every match) and a date range.
 */
export const RANKED_MATCHES = 200;

/**
 * Where each kind is ranked from. Articles and quotes, the kinds that grow with the archive, also
 * have a recent index of their newest rows (migration 1764700000000): bm25 reads every match of a
 * term in the index it ranks from for its statistics, so a common term is ranked from the recent
 * index when that holds a whole window of its matches (they are then the kind's newest matches),
 * and from the full index otherwise, where a rarer term has few matches anyway.
 */
const INDEXES: Record<SearchType, { full: string; recent: string | null; weights: string }> = {
  [SearchType.ARTICLE]: { full: 'article_fts', recent: 'article_recent_fts', weights: ARTICLE_WEIGHTS },
  [SearchType.QUOTE]: { full: 'quote_fts', recent: 'quote_recent_fts', weights: '' },
  [SearchType.PERSON]: { full: 'person_fts', recent: null, weights: PERSON_WEIGHTS },
};

/**
 * A kind's newest matches with their score: only what ranking needs. With a recent index, the
 * count of its matches (up to a window) switches one branch off through its LIMIT: a LIMIT of 0
 * never opens that index, where a WHERE condition on the branch still read both.
 */
const newest = (kind: SearchType, window: number) => {
  const { full, recent, weights } = INDEXES[kind];
  const ranked = (table: string, limit: string) =>
    `SELECT * FROM (SELECT '${kind}' AS kind, rowid AS id, -bm25(${table}${weights ? `, ${weights}` : ''}) AS score FROM ${table} WHERE ${table} MATCH :q ORDER BY rowid DESC LIMIT ${limit})`;
  if (!recent) return ranked(full, String(window));
  const recentMatches = `(SELECT COUNT(*) FROM (SELECT 1 FROM ${recent} WHERE ${recent} MATCH :q LIMIT ${window}))`;
  return `SELECT * FROM (${ranked(recent, `(SELECT CASE WHEN ${recentMatches} = ${window} THEN ${window} ELSE 0 END)`)} UNION ALL ${ranked(
    full,
    `(SELECT CASE WHEN ${recentMatches} < ${window} THEN ${window} ELSE 0 END)`,
  )})`;
};

/**
 * The snippet of one hit on the page, by its kind and id: worked out only for the page's hits,
 * after ranking (a common name matches thousands of rows; making a snippet for each took half the
 * time). A recent hit's comes from the recent index: a prefix term is expanded over its rows only.
 */
const snippetOf = (table: string, make: (table: string) => string) =>
  `(SELECT ${make(table)} FROM ${table} WHERE ${table} MATCH :q AND rowid = top.id)`;
const snippet = (table: string) => `snippet(${table}, -1, ${marks}, '…', ${SNIPPET_WORDS})`;
const highlight = (table: string) => `highlight(${table}, 0, ${marks})`;
const SNIPPET = `CASE top.kind
  WHEN '${SearchType.ARTICLE}' THEN COALESCE(${snippetOf('article_recent_fts', snippet)}, ${snippetOf('article_fts', snippet)})
  WHEN '${SearchType.QUOTE}' THEN COALESCE(${snippetOf('quote_recent_fts', highlight)}, ${snippetOf('quote_fts', highlight)})
  WHEN '${SearchType.PERSON}' THEN ${snippetOf('person_fts', snippet)}
END`;

export class SqliteFtsIndex implements SearchIndex {
  private readonly branches: Record<SearchType, string>;

  /** `rankedMatches`: how many of each kind's newest matches `search` ranks (tests make it small). */
  constructor(
    private readonly dataSource: DataSource,
    rankedMatches = RANKED_MATCHES,
  ) {
    const window = Math.max(1, Math.floor(rankedMatches));
    this.branches = Object.fromEntries(ALL_SEARCH_TYPES.map((kind) => [kind, newest(kind, window)])) as Record<SearchType, string>;
  }

  query(text: string): string | null {
    return toFtsQuery(text);
  }

  articleMatches(parameter: string): string {
    return `SELECT rowid AS id, ${ARTICLE_RANK} AS rank FROM article_fts WHERE article_fts MATCH :${parameter}`;
  }

  personMatches(parameter: string): string {
    return `SELECT rowid AS id FROM person_fts WHERE person_fts MATCH :${parameter}`;
  }

  quoteMatches(parameter: string): string {
    return `SELECT rowid AS id FROM quote_fts WHERE quote_fts MATCH :${parameter}`;
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
    const union = kinds.map((kind) => this.branches[kind]).join(' UNION ALL ');
    // Best score first, then kind and id so that the order is total and cursors are exact.
    const seek = after
      ? 'WHERE (score < :score) OR (score = :score AND kind > :kind) OR (score = :score AND kind = :kind AND id > :id)'
      : '';
    const [sql, parameters] = this.dataSource.driver.escapeQueryWithParameters(
      `SELECT top.kind, top.id, top.score, ${SNIPPET} AS snippet FROM (
         SELECT kind, id, score FROM (${union}) ${seek} ORDER BY score DESC, kind ASC, id ASC LIMIT :limit
       ) top ORDER BY top.score DESC, top.kind ASC, top.id ASC`,
      { q: ftsQuery, limit, ...(after ?? {}) },
      {},
    );
    const rows: { kind: SearchType; id: number; score: number; snippet: string }[] = await this.dataSource.query(sql, parameters);
    return rows.map((row) => ({ kind: row.kind, id: Number(row.id), score: Number(row.score), snippet: row.snippet ?? '' }));
  }

  async count(ftsQuery: string, kinds: readonly SearchType[]): Promise<number> {
    // What `search` pages through: each kind's matches up to the ranked window.
    const union = kinds.map((kind) => `SELECT COUNT(*) AS n FROM (${this.branches[kind]})`).join(' UNION ALL ');
    const [sql, parameters] = this.dataSource.driver.escapeQueryWithParameters(`SELECT SUM(n) AS n FROM (${union})`, { q: ftsQuery }, {});
    const [row] = await this.dataSource.query(sql, parameters);
    return Number(row?.n ?? 0);
  }
}
