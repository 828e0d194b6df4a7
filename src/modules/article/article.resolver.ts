import type { GraphQLResolveInfo } from 'graphql';
import { Args, Ctx, FieldResolver, Info, Int, Query, Resolver, Root } from 'type-graphql';
import { connectionCost, listCost } from '../../shared/complexity';
import { expectGlobalId } from '../../shared/global-id';
import { findByIdOrSlug, IdOrSlugArgs } from '../../shared/id-or-slug.args';
import { pageRequest, toConnection } from '../../shared/pagination';
import { selectedFields } from '../../shared/selected-fields';
import type { ArticleFilter } from './article-filter.input';
import { ArticleOrder } from './article-order.enum';
import { countWords, readingTimeMinutes, splitParagraphs } from './article-text';
import { ArticleConnection } from './article.connection';
import type { ArticleContext } from './article.context';
import { Article } from './article.entity';
import type { ArticleCriteria } from './article.service';
import { ArticlesArgs } from './articles.args';
import { SectionCount } from './section-count.type';

/** Newsrooms run tens of sections, not thousands. */
const SECTIONS_ESTIMATE = 30;

/**
 * The article queries. The fields other modules add to Article live in their own resolvers:
 * `people` and `relatedArticles` (mention), `quotes` (quote), `rating` (rating).
 */
@Resolver(() => Article)
export class ArticleResolver {
  @Query(() => Article, { nullable: true, description: 'An article by id or slug (give exactly one); null when there is none.' })
  article(@Args() args: IdOrSlugArgs, @Ctx() { services }: ArticleContext): Promise<Article | null> {
    return findByIdOrSlug(
      args,
      'Article',
      (id) => services.articles.findById(id),
      (slug) => services.articles.findBySlug(slug),
    );
  }

  @Query(() => ArticleConnection, { complexity: connectionCost, description: 'Articles, filtered and ordered (newest first by default).' })
  async articles(@Args() args: ArticlesArgs, @Ctx() { services }: ArticleContext, @Info() info: GraphQLResolveInfo) {
    const page = await services.articles.list(
      toCriteria(args.filter),
      args.orderBy ?? ArticleOrder.PUBLISHED_AT_DESC,
      pageRequest(args),
      selectedFields(info, ['edges', 'node']),
    );
    return toConnection(page);
  }

  @FieldResolver(() => String, { description: 'Paragraphs joined by one blank line.' })
  body(@Root() article: Article, @Ctx() { loaders }: ArticleContext): Promise<string> {
    return bodyOf(article, loaders);
  }

  @FieldResolver(() => [String], { description: 'The body split into its paragraphs, in order.' })
  async paragraphs(@Root() article: Article, @Ctx() { loaders }: ArticleContext): Promise<string[]> {
    return splitParagraphs(await bodyOf(article, loaders));
  }

  @FieldResolver(() => Int, { description: 'Words in the body.' })
  async wordCount(@Root() article: Article, @Ctx() { loaders }: ArticleContext): Promise<number> {
    return countWords(await bodyOf(article, loaders));
  }

  @FieldResolver(() => Int, { description: 'Minutes to read the body at 230 words a minute, rounded up.' })
  async readingTimeMinutes(@Root() article: Article, @Ctx() { loaders }: ArticleContext): Promise<number> {
    return readingTimeMinutes(countWords(await bodyOf(article, loaders)));
  }

  @Query(() => [SectionCount], {
    complexity: listCost(SECTIONS_ESTIMATE),
    description: 'Every section with its number of articles, largest first.',
  })
  sections(@Ctx() { services }: ArticleContext): Promise<SectionCount[]> {
    return services.articles.sections();
  }
}

/** The article's body: as read (an article page), else through the per-request loader (a list). */
async function bodyOf(article: Article, loaders: ArticleContext['loaders']): Promise<string> {
  return article.body ?? (await loaders.articleBody.load(article.id)) ?? '';
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
