import type DataLoader from 'dataloader';
import type { BatchLoaderFactory, LoadersByArguments } from '../../shared/batch-loader';
import type { Page, PageRequest } from '../../shared/pagination';
import type { ArticleLoaders } from '../article/article.context';
import type { PersonLoaders } from '../person/person.context';
import type { Quote } from './quote.entity';
import type { QuoteService } from './quote.service';

/** The arguments of Person.quotesAbout: whose articles, and which page. */
export interface QuotesAboutArgs {
  aboutPersonId: number;
  request: PageRequest;
}

/** The quote module's per-request batch loaders. */
export interface QuoteLoaders {
  quoteById: DataLoader<number, Quote | null>;
  quoteCountByPerson: DataLoader<number, number>;
  quotesByArticle: DataLoader<number, Quote[]>;
  /** Person.quotes. */
  quotesBySpeaker: LoadersByArguments<PageRequest, Page<Quote>>;
  /** Person.quotesAbout. */
  quotesAboutBySpeaker: LoadersByArguments<QuotesAboutArgs, Page<Quote>>;
}

export function createQuoteLoaders(services: { quotes: QuoteService }, loaders: BatchLoaderFactory): QuoteLoaders {
  // totalCount does not depend on the page asked for: one count per parent and filter.
  const quoteCounts = loaders.byArguments((aboutPersonId: number | null, ids) => services.quotes.countsBySpeaker(ids, aboutPersonId));
  return {
    quoteById: loaders.byId((ids) => services.quotes.findByIds(ids)),
    quoteCountByPerson: loaders.byId((ids) => services.quotes.quoteCounts(ids)),
    quotesByArticle: loaders.byId((ids) => services.quotes.byArticleIds(ids)),
    quotesBySpeaker: loaders.byArguments((request: PageRequest, ids) =>
      services.quotes.pagesBySpeaker(ids, null, request, (id) => quoteCounts.load(null, id)),
    ),
    quotesAboutBySpeaker: loaders.byArguments(({ aboutPersonId, request }: QuotesAboutArgs, ids) =>
      services.quotes.pagesBySpeaker(ids, aboutPersonId, request, (id) => quoteCounts.load(aboutPersonId, id)),
    ),
  };
}

/** What the quote module's resolvers read from the per-request context (composed in src/server/context.ts). */
export interface QuoteContext {
  services: { quotes: QuoteService };
  loaders: QuoteLoaders & ArticleLoaders & PersonLoaders;
}
