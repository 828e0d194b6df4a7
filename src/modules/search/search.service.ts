import { snippetHtml } from '../../db/fts-query';
import type { SearchIndex, SearchRow } from '../../db/search-index';
import { decodeCursor, encodeCursor } from '../../shared/cursor';
import { badUserInput } from '../../shared/errors';
import type { PageRequest } from '../../shared/pagination';
import { ALL_SEARCH_TYPES, type SearchType } from '../../shared/search-type.enum';

const CURSOR_KIND = 'search';

export interface SearchPage {
  rows: (SearchRow & { cursor: string; snippetHtml: string })[];
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  totalCount: () => Promise<number>;
}

export class SearchService {
  constructor(private readonly index: SearchIndex) {}

  /**
   * Ranked hits across articles, quotes and people. Whatever the user types is searched as
   * text; only an empty query is an error. Forward paging only: ranks are not a stable order.
   */
  async search(query: string, kinds: readonly SearchType[] | null | undefined, request: PageRequest): Promise<SearchPage> {
    if (!query.trim()) throw badUserInput('query must not be empty.', { argumentName: 'query' });
    if (request.backward) throw badUserInput('search pages forwards only: use first and after.', { argumentName: 'last' });
    const wanted = kinds?.length ? [...new Set(kinds)] : ALL_SEARCH_TYPES;
    const fts = this.index.query(query);
    if (fts === null) return { rows: [], hasNextPage: false, hasPreviousPage: false, totalCount: async () => 0 };
    const after =
      request.cursor === null
        ? null
        : (() => {
            const key = decodeCursor<{ s: number; t: string; id: number }>(request.cursor, CURSOR_KIND, {
              s: 'float',
              t: 'string',
              id: 'number',
            });
            if (!ALL_SEARCH_TYPES.includes(key.t as SearchType))
              throw badUserInput('"after" is not a valid cursor for search.', { argumentName: 'after' });
            return { score: key.s, kind: key.t as SearchType, id: key.id };
          })();
    const rows = await this.index.search(fts, wanted, request.count + 1, after);
    return {
      rows: rows.slice(0, request.count).map((row) => ({
        ...row,
        cursor: encodeCursor(CURSOR_KIND, { s: row.score, t: row.kind, id: row.id }),
        snippetHtml: snippetHtml(row.snippet),
      })),
      hasNextPage: rows.length > request.count,
      hasPreviousPage: after !== null,
      totalCount: () => this.index.count(fts, wanted),
    };
  }
}
