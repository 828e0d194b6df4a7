import type { ArticleLoaders } from '../article/article.context';
import type { PersonLoaders } from '../person/person.context';
import type { QuoteLoaders } from '../quote/quote.context';
import type { SearchService } from './search.service';

/** What the search module's resolver reads from the per-request context (composed in src/server/context.ts). */
export interface SearchContext {
  services: { search: SearchService };
  loaders: ArticleLoaders & PersonLoaders & QuoteLoaders;
}
