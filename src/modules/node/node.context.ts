import type { ArticleLoaders } from '../article/article.context';
import type { PersonLoaders } from '../person/person.context';
import type { QuoteLoaders } from '../quote/quote.context';

/** What the node module's resolver reads from the per-request context (composed in src/server/context.ts). */
export interface NodeContext {
  loaders: ArticleLoaders & PersonLoaders & QuoteLoaders;
}
