import { Arg, Args, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import type { GatewayContext } from '../../server/context';
import { connectionCost, firstRowsCost, listCost } from '../../shared/complexity';
import { expectGlobalId } from '../../shared/global-id';
import { findByIdOrSlug, IdOrSlugArgs } from '../../shared/id-or-slug.args';
import { boundedCount, pageRequest, toConnection } from '../../shared/pagination';
import { MentionRole } from '../person/mention-role.enum';
import { Person } from '../person/person.entity';
import { Quote } from '../quote/quote.entity';
import { Rating } from '../rating/rating.type';
import { ArticleFilter, ArticleOrder } from './article-filter.input';
import { ArticleConnection } from './article.connection';
import { Article } from './article.entity';
import type { ArticleCriteria } from './article.service';
import { ArticlesArgs } from './articles.args';
import { SectionCount } from './section-count.type';

const MAX_RELATED = 50;
/** Newsrooms run tens of sections, not thousands. */
const SECTIONS_ESTIMATE = 30;

@Resolver(() => Article)
export class ArticleResolver {
  @Query(() => Article, { nullable: true, description: 'An article by id or slug (give exactly one); null when there is none.' })
  article(@Args() args: IdOrSlugArgs, @Ctx() { services }: GatewayContext): Promise<Article | null> {
    return findByIdOrSlug(
      args,
      'Article',
      (id) => services.articles.findById(id),
      (slug) => services.articles.findBySlug(slug),
    );
  }

  @Query(() => ArticleConnection, { complexity: connectionCost, description: 'Articles, filtered and ordered (newest first by default).' })
  async articles(@Args() args: ArticlesArgs, @Ctx() { services }: GatewayContext) {
    const page = await services.articles.list(toCriteria(args.filter), args.orderBy ?? ArticleOrder.PUBLISHED_AT_DESC, pageRequest(args));
    return toConnection(page);
  }

  @Query(() => [SectionCount], {
    complexity: listCost(SECTIONS_ESTIMATE),
    description: 'Every section with its number of articles, largest first.',
  })
  sections(@Ctx() { services }: GatewayContext): Promise<SectionCount[]> {
    return services.articles.sections();
  }

  @FieldResolver(() => [Person], { complexity: listCost(), description: 'The people the article names, in order of first appearance.' })
  async people(
    @Root() article: Article,
    @Ctx() { loaders }: GatewayContext,
    @Arg('role', () => MentionRole, { nullable: true, description: 'Only the people with this role.' }) role?: MentionRole | null,
  ): Promise<Person[]> {
    const mentions = await loaders.mentionsByArticle.load(article.id);
    return mentions.filter((mention) => role == null || mention.role === role).map((mention) => mention.person);
  }

  @FieldResolver(() => [Quote], { complexity: listCost(), description: 'The quotes in the article, in order of appearance.' })
  quotes(@Root() article: Article, @Ctx() { loaders }: GatewayContext): Promise<Quote[]> {
    return loaders.quotesByArticle.load(article.id);
  }

  @FieldResolver(() => Rating)
  rating(@Root() article: Article, @Ctx() { loaders }: GatewayContext): Promise<Rating> {
    return loaders.ratingByArticle.load(article.id);
  }

  @FieldResolver(() => [Article], {
    complexity: firstRowsCost,
    description: 'Other articles ranked by how many people they share with this one, then newest first.',
  })
  relatedArticles(
    @Root() article: Article,
    @Ctx() { loaders }: GatewayContext,
    @Arg('first', () => Int, { defaultValue: 5, description: `At most ${MAX_RELATED}.` }) first: number,
  ): Promise<Article[]> {
    return loaders.relatedByArticle.load(boundedCount(first, MAX_RELATED), article.id);
  }
}

export function toCriteria(filter: ArticleFilter | null | undefined): ArticleCriteria {
  if (!filter) return {};
  return {
    section: filter.section,
    personId: filter.personId != null ? expectGlobalId(filter.personId, 'Person', 'filter.personId') : null,
    personSlug: filter.personSlug,
    publishedAfter: filter.publishedAfter,
    publishedBefore: filter.publishedBefore,
    query: filter.query,
    minRating: filter.minRating,
  };
}
