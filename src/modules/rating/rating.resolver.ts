import { Arg, Ctx, Directive, FieldResolver, ID, Int, Mutation, Resolver, Root, Subscription } from 'type-graphql';
import { CacheHint } from '../../shared/cache-hints';
import { notFound } from '../../shared/errors';
import { expectGlobalId } from '../../shared/global-id';
import { Article } from '../article/article.entity';
import { RateArticleInput } from './rate-article.input';
import { RateArticlePayload } from './rate-article.payload';
import type { RatingChange } from './rating-events';
import type { RatingContext, Viewer } from './rating.context';
import { Rating } from './rating.type';

@Resolver(() => Rating)
export class RatingResolver {
  @Directive(CacheHint.PRIVATE)
  @FieldResolver(() => Int, {
    nullable: true,
    description: "The caller's own stars (X-Voter-Id, else address and user agent); null if none.",
  })
  viewerStars(@Root() rating: Rating, @Ctx() { loaders }: RatingContext): Promise<number | null> {
    return loaders.viewerStarsByArticle.load(rating.articleId);
  }

  @Mutation(() => RateArticlePayload, { description: 'Rate an article 1-5 stars: one vote per reader, a new vote replaces the old.' })
  async rateArticle(
    @Arg('input', { description: 'Which article, and how many stars.' }) input: RateArticleInput,
    @Ctx() { services, loaders, viewer }: RatingContext,
  ): Promise<RateArticlePayload> {
    const articleId = expectGlobalId(input.articleId, 'Article', 'articleId');
    const rating = await services.ratings.rate(articleId, { hash: viewer.voterHash(), address: viewer.address() }, input.stars);
    // Anything this request loaded before the vote is stale now; the tally is the one just committed.
    loaders.ratingByArticle.clear(articleId).prime(articleId, rating);
    loaders.viewerStarsByArticle.clear(articleId);
    return new RateArticlePayload(articleId, rating);
  }

  @Subscription(() => Rating, {
    description: "The article's new tally after every accepted vote on it (graphql-ws, on /graphql).",
    subscribe: async ({ args, context }) => {
      const { loaders, ratingEvents } = context as RatingContext;
      const articleId = expectGlobalId(String(args.articleId), 'Article', 'articleId');
      if (!(await loaders.articleById.load(articleId))) throw notFound('No article has that articleId.', { argumentName: 'articleId' });
      return ratingEvents.subscribe(articleId);
    },
  })
  ratingChanged(
    @Root() { rating, voterHash }: RatingChange,
    @Arg('articleId', () => ID, { description: "The article's global ID (Article.id)." }) _articleId: string,
    @Ctx() { loaders, viewer }: RatingContext,
  ): Rating {
    // The subscriber's own stars change only with their own vote: read them again only then.
    if (voterHash === ownVoterHash(viewer)) loaders.viewerStarsByArticle.clear(rating.articleId);
    return rating;
  }
}

@Resolver(() => RateArticlePayload)
export class RateArticlePayloadResolver {
  @FieldResolver(() => Article, { description: 'The article voted on: select `id` and `rating` here so a client cache updates it.' })
  async article(@Root() payload: RateArticlePayload, @Ctx() { loaders }: RatingContext): Promise<Article> {
    const article = await loaders.articleById.load(payload.articleId);
    if (!article) throw notFound('No article has that articleId.', { argumentName: 'articleId' });
    return article;
  }
}

/** The viewer's voter hash, or null when their X-Voter-Id is malformed (viewerStars reports that itself). */
function ownVoterHash(viewer: Viewer): string | null {
  try {
    return viewer.voterHash();
  } catch {
    return null;
  }
}
