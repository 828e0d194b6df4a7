import { type ArticleLoaders, createArticleLoaders } from '../modules/article/article.context';
import { createMentionLoaders, type MentionLoaders } from '../modules/mention/mention.context';
import { createPersonLoaders, type PersonLoaders } from '../modules/person/person.context';
import { createQuoteLoaders, type QuoteLoaders } from '../modules/quote/quote.context';
import { createRatingLoaders, type RatingLoaders } from '../modules/rating/rating.context';
import { BatchLoaderFactory } from '../shared/batch-loader';
import type { Services } from './services';

/**
 * Per-request batch loaders: every relation on a page of N parents costs one query, not N.
 * Built fresh for each request, so nothing cached leaks between requests or voters. Each module
 * owns its loaders (`create…Loaders` in its `.context.ts`); this composes them.
 */
export type Loaders = ArticleLoaders & PersonLoaders & MentionLoaders & QuoteLoaders & RatingLoaders;

/**
 * @param beforeSql called before every batch sends its SQL; throws once the operation is past its
 *   deadline, so that no further statement is issued for it (see deadline.ts). Every module's
 *   loaders are made through one BatchLoaderFactory, which calls it before each batch.
 */
export function createLoaders(services: Services, voterHash: () => string, beforeSql: () => void = () => undefined): Loaders {
  const loaders = new BatchLoaderFactory(beforeSql);
  return {
    ...createArticleLoaders(services, loaders),
    ...createPersonLoaders(services, loaders),
    ...createMentionLoaders(services, loaders),
    ...createQuoteLoaders(services, loaders),
    ...createRatingLoaders(services, loaders, voterHash),
  };
}
