import { IsInt, IsOptional, Length, Max, Min } from 'class-validator';
import { Args, ArgsType, Ctx, Field, Int, Query, Resolver } from 'type-graphql';
import type { GatewayContext } from '../../server/context';
import { connectionCost } from '../../shared/complexity';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, toConnection } from '../../shared/pagination';
import type { Article } from '../article/article.entity';
import type { Person } from '../person/person.entity';
import type { Quote } from '../quote/quote.entity';
import { SearchConnection, SearchType } from './search.types';

@ArgsType()
class SearchArgs {
  @Field({ description: 'Words to find; "quoted phrases" match as phrases, the last word as a prefix.' })
  @Length(0, 500)
  query: string;

  @Field(() => Int, { nullable: true, defaultValue: DEFAULT_PAGE_SIZE })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_PAGE_SIZE)
  first?: number | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  after?: string | null;

  @Field(() => [SearchType], { nullable: true, description: 'Only these kinds of hit; all when omitted.' })
  @IsOptional()
  types?: SearchType[] | null;
}

@Resolver()
export class SearchResolver {
  @Query(() => SearchConnection, { complexity: connectionCost, description: 'Ranked full-text search over articles, quotes and people.' })
  async search(@Args() { query, first, after, types }: SearchArgs, @Ctx() { services, loaders }: GatewayContext) {
    const page = await services.search.search(query, types, { count: first ?? DEFAULT_PAGE_SIZE, cursor: after ?? null, backward: false });
    const hits = await Promise.all(
      page.rows.map((row): Promise<Article | Quote | Person | null> => {
        if (row.kind === 'ARTICLE') return loaders.articleById.load(row.id);
        if (row.kind === 'QUOTE') return loaders.quoteById.load(row.id);
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
