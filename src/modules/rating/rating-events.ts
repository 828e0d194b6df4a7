import { createPubSub } from '@graphql-yoga/subscription';
import type { Rating } from './rating.type';

/**
 * Where accepted votes announce an article's new tally, and where `ratingChanged` subscriptions
 * listen. One small interface: in memory by default (one process), so that several instances can
 * later share one through the database or a broker without the resolvers changing.
 */
export interface RatingEvents {
  publish(articleId: number, rating: Rating): void;
  /** The tallies published for one article from now on, until the iteration is returned. */
  subscribe(articleId: number): AsyncIterable<Rating>;
}

/** RatingEvents within this process (The Guild's in-memory pub/sub, topic per article). */
export function inMemoryRatingEvents(): RatingEvents {
  const pubSub = createPubSub<{ ratingChanged: [articleId: number, rating: Rating] }>();
  return {
    publish: (articleId, rating) => pubSub.publish('ratingChanged', articleId, rating),
    subscribe: (articleId) => pubSub.subscribe('ratingChanged', articleId),
  };
}

/** For services and tests that publish nowhere. */
export const NO_RATING_EVENTS: RatingEvents = {
  publish: () => undefined,
  subscribe: () => ({
    [Symbol.asyncIterator]: () => ({ next: () => new Promise<IteratorResult<Rating>>(() => undefined) }),
  }),
};
