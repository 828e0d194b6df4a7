import type DataLoader from 'dataloader';
import type { BatchLoaderFactory } from '../../shared/batch-loader';
import type { ArticleLoaders } from '../article/article.context';
import type { RatingEvents } from './rating-events';
import type { RatingService } from './rating.service';
import type { Rating } from './rating.type';

/** The caller as a voter. */
export interface Viewer {
  /** Salted hash identifying the caller as a voter; throws BAD_USER_INPUT for a malformed X-Voter-Id. */
  voterHash(): string;
  /**
   * The client address (see clientAddress in src/server/context.ts), for the per-address vote
   * limits. Only ever held in memory: never stored, logged or put in an error message.
   */
  address(): string | undefined;
}

/** The rating module's per-request batch loaders. */
export interface RatingLoaders {
  ratingByArticle: DataLoader<number, Rating>;
  /** The caller's own stars on each article. */
  viewerStarsByArticle: DataLoader<number, number | null>;
}

export function createRatingLoaders(
  services: { ratings: RatingService },
  loaders: BatchLoaderFactory,
  voterHash: () => string,
): RatingLoaders {
  return {
    ratingByArticle: loaders.byId((ids) => services.ratings.ratingsByArticleIds(ids)),
    // voterHash() throws BAD_USER_INPUT for a malformed X-Voter-Id.
    viewerStarsByArticle: loaders.byId((ids) => services.ratings.starsByVoter(voterHash(), ids)),
  };
}

/** What the rating module's resolvers read from the per-request context (composed in src/server/context.ts). */
export interface RatingContext {
  services: { ratings: RatingService };
  /** Where ratingChanged subscriptions listen. */
  ratingEvents: RatingEvents;
  loaders: RatingLoaders & ArticleLoaders;
  viewer: Viewer;
}
