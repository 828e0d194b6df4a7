import { Repeater, SlidingBuffer } from '@repeaterjs/repeater';
import type { Rating } from './rating.type';

/** One accepted vote: the article's new tally, and whose vote it was (their own stars changed). */
export interface RatingChange {
  rating: Rating;
  voterHash: string;
  /** The tally's version (ArticleRating.version, shared by the votes of one group): a change older than one already published is dropped. */
  version?: number;
}

/**
 * Where accepted votes announce an article's new tally, and where `ratingChanged` subscriptions
 * listen. One small interface: in memory by default (one process), so that several instances can
 * later share one through the database or a broker without the resolvers changing.
 */
export interface RatingEvents {
  publish(articleId: number, change: RatingChange): void;
  /** The changes published for one article from now on, until the iteration is returned. */
  subscribe(articleId: number): AsyncIterable<RatingChange>;
}

/**
 * RatingEvents within this process. Each subscriber keeps only the newest change it has not taken
 * yet (a sliding buffer of one): a tally replaces the one before, and a subscriber that reads
 * slowly or not at all never makes a queue grow (an unbounded or overflowing one would take memory
 * or throw in the publisher). Changes from several gateways can arrive out of order: one whose
 * version is below the last published for that article is dropped.
 */
export function inMemoryRatingEvents(): RatingEvents {
  const listeners = new Map<number, { listeners: Set<(change: RatingChange) => void>; version: number }>();
  return {
    publish(articleId, change) {
      const article = listeners.get(articleId);
      if (!article) return;
      if (change.version !== undefined) {
        // Votes committed in one group share their tally's version: each is still delivered.
        if (change.version < article.version) return;
        article.version = change.version;
      }
      for (const listener of article.listeners) listener(change);
    },
    subscribe(articleId) {
      return new Repeater<RatingChange>(async (push, stop) => {
        const listener = (change: RatingChange) => void push(change);
        let article = listeners.get(articleId);
        if (!article) listeners.set(articleId, (article = { listeners: new Set(), version: 0 }));
        article.listeners.add(listener);
        await stop;
        article.listeners.delete(listener);
        if (article.listeners.size === 0) listeners.delete(articleId);
      }, new SlidingBuffer(1));
    },
  };
}

/** For services and tests that publish nowhere. */
export const NO_RATING_EVENTS: RatingEvents = {
  publish: () => undefined,
  subscribe: () => new Repeater<RatingChange>(async (_push, stop) => void (await stop)),
};
