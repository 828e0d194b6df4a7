import DataLoader from 'dataloader';
import type { Article } from '../modules/article/article.entity';
import type { PersonMention } from '../modules/person/person.service';
import type { Person } from '../modules/person/person.entity';
import type { Quote } from '../modules/quote/quote.entity';
import type { Rating } from '../modules/rating/rating.type';
import type { Services } from './services';

/**
 * Per-request batch loaders: every relation on a page of N parents costs one query, not N.
 * Built fresh for each request, so nothing cached leaks between requests or voters.
 */
export interface Loaders {
  articleById: DataLoader<number, Article | null>;
  personById: DataLoader<number, Person | null>;
  quoteById: DataLoader<number, Quote | null>;
  mentionCountByPerson: DataLoader<number, number>;
  quoteCountByPerson: DataLoader<number, number>;
  mentionsByArticle: DataLoader<number, PersonMention[]>;
  quotesByArticle: DataLoader<number, Quote[]>;
  ratingByArticle: DataLoader<number, Rating>;
  /** The caller's own stars on each article. */
  viewerStarsByArticle: DataLoader<number, number | null>;
}

export function createLoaders(services: Services, voterHash: () => string): Loaders {
  return {
    articleById: new DataLoader((ids) => services.articles.findByIds(ids)),
    personById: new DataLoader((ids) => services.people.findByIds(ids)),
    quoteById: new DataLoader((ids) => services.quotes.findByIds(ids)),
    mentionCountByPerson: new DataLoader((ids) => services.people.mentionCounts(ids)),
    quoteCountByPerson: new DataLoader((ids) => services.people.quoteCounts(ids)),
    mentionsByArticle: new DataLoader((ids) => services.people.mentionsByArticleIds(ids)),
    quotesByArticle: new DataLoader((ids) => services.quotes.byArticleIds(ids)),
    ratingByArticle: new DataLoader((ids) => services.ratings.ratingsByArticleIds(ids)),
    viewerStarsByArticle: new DataLoader((ids) => services.ratings.starsByVoter(voterHash(), ids)),
  };
}
