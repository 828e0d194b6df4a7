import { Args, Ctx, Query, Resolver } from 'type-graphql';
import { RANKED_MATCHES } from '../../db/search-index';
import { connectionCost } from '../../shared/complexity';
import { DEFAULT_PAGE_SIZE } from '../../shared/page-size';
import { toConnection } from '../../shared/pagination';
import { SearchType } from '../../shared/search-type.enum';
import type { Article } from '../article/article.entity';
import type { Person } from '../person/person.entity';
import type { Quote } from '../quote/quote.entity';
import { SearchArgs } from './search.args';
import { SearchConnection } from './search.connection';
import type { SearchContext } from './search.context';

@Resolver()
export class SearchResolver {
  @Query(() => SearchConnection, {
    complexity: connectionCost,
    description: `Ranked full-text search over articles, quotes and people. Of each kind, the ${RANKED_MATCHES} most recently stored matches are ranked and paged (totalCount counts those); the article and quote lists' \`query\` filter reaches every match, with a date range for older ones.`,
  })
  async search(@Args() { query, first, after, types }: SearchArgs, @Ctx() { services, loaders }: SearchContext) {
    const page = await services.search.search(query, types, { count: first ?? DEFAULT_PAGE_SIZE, cursor: after ?? null, backward: false });
    const hits = await Promise.all(
      page.rows.map((row): Promise<Article | Quote | Person | null> => {
        if (row.kind === SearchType.ARTICLE) return loaders.articleById.load(row.id);
        if (row.kind === SearchType.QUOTE) return loaders.quoteById.load(row.id);
        return loaders.personById.load(row.id);
      }),
    );
    const found = page.rows
      .map((row, index) => ({ row, hit: hits[index] }))
      .filter((entry): entry is { row: (typeof page.rows)[number]; hit: Article | Quote | Person } => entry.hit !== null);
    return toConnection({
      nodes: found.map(({ row, hit }) => ({ hit, score: row.score, snippet: row.snippetHtml })),
      cursors: found.map(({ row }) => row.cursor),
      hasNextPage: page.hasNextPage,
      hasPreviousPage: page.hasPreviousPage,
      totalCount: page.totalCount,
    });
  }
}
