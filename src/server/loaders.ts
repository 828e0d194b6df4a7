import DataLoader from 'dataloader';
import type { Article } from '../modules/article/article.entity';
import type { Person } from '../modules/person/person.entity';
import type { PersonCount, PersonMention } from '../modules/person/person.service';
import type { Quote } from '../modules/quote/quote.entity';
import type { Rating } from '../modules/rating/rating.type';
import type { Page, PageRequest } from '../shared/pagination';
import type { Services } from './services';

/**
 * DataLoaders of parent id -> value for a field that takes arguments: one loader per distinct
 * arguments, made on first use, so the parents that ask with the same arguments share one batch
 * (and a page of N parents costs one statement, not N), while different arguments never mix.
 */
export class LoadersByArguments<A, V> {
  private readonly loaders = new Map<string, DataLoader<number, V>>();

  constructor(private readonly batch: (args: A, parentIds: readonly number[]) => Promise<V[]>) {}

  load(args: A, parentId: number): Promise<V> {
    const key = stableJson(args);
    let loader = this.loaders.get(key);
    if (!loader) {
      // async, so that a batch function that throws rejects the loads with its own error.
      loader = new DataLoader(async (parentIds) => this.batch(args, parentIds));
      this.loaders.set(key, loader);
    }
    return loader.load(parentId);
  }
}

/** JSON with object keys sorted, so equal arguments give equal keys whatever order they were built in. */
export function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${stableJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** The arguments of Person.quotesAbout: whose articles, and which page. */
export interface QuotesAboutArgs {
  aboutPersonId: number;
  request: PageRequest;
}

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
  /** Person.articles: each person's page; its totalCount is one grouped count for all. */
  articlesByPerson: LoadersByArguments<PageRequest, Page<Article>>;
  /** Person.quotes. */
  quotesBySpeaker: LoadersByArguments<PageRequest, Page<Quote>>;
  /** Person.quotesAbout. */
  quotesAboutBySpeaker: LoadersByArguments<QuotesAboutArgs, Page<Quote>>;
  /** Person.coMentioned, by `first`. */
  coMentionedByPerson: LoadersByArguments<number, PersonCount[]>;
  /** Article.relatedArticles, by `first`. */
  relatedByArticle: LoadersByArguments<number, Article[]>;
}

/**
 * @param beforeSql called before every batch sends its SQL; throws once the operation is past its
 *   deadline, so that no further statement is issued for it (see deadline.ts).
 */
export function createLoaders(services: Services, voterHash: () => string, beforeSql: () => void = () => undefined): Loaders {
  // async, so a throw (the deadline, a malformed X-Voter-Id) rejects the loads with its own error:
  // DataLoader turns a batch function's synchronous throw into a TypeError.
  const sql =
    <T extends unknown[], R>(batch: (...args: T) => Promise<R>) =>
    async (...args: T): Promise<R> => {
      beforeSql();
      return batch(...args);
    };
  // totalCount does not depend on the page asked for: one count per parent and filter.
  const articleCounts = new DataLoader(sql((ids: readonly number[]) => services.articles.countsByPerson(ids)));
  const quoteCounts = new LoadersByArguments(
    sql((aboutPersonId: number | null, ids: readonly number[]) => services.quotes.countsBySpeaker(ids, aboutPersonId)),
  );
  return {
    articleById: new DataLoader(sql((ids: readonly number[]) => services.articles.findByIds(ids))),
    personById: new DataLoader(sql((ids: readonly number[]) => services.people.findByIds(ids))),
    quoteById: new DataLoader(sql((ids: readonly number[]) => services.quotes.findByIds(ids))),
    mentionCountByPerson: new DataLoader(sql((ids: readonly number[]) => services.people.mentionCounts(ids))),
    quoteCountByPerson: new DataLoader(sql((ids: readonly number[]) => services.people.quoteCounts(ids))),
    mentionsByArticle: new DataLoader(sql((ids: readonly number[]) => services.people.mentionsByArticleIds(ids))),
    quotesByArticle: new DataLoader(sql((ids: readonly number[]) => services.quotes.byArticleIds(ids))),
    ratingByArticle: new DataLoader(sql((ids: readonly number[]) => services.ratings.ratingsByArticleIds(ids))),
    // voterHash() throws BAD_USER_INPUT for a malformed X-Voter-Id.
    viewerStarsByArticle: new DataLoader(sql((ids: readonly number[]) => services.ratings.starsByVoter(voterHash(), ids))),
    articlesByPerson: new LoadersByArguments(
      sql((request: PageRequest, ids: readonly number[]) => services.articles.pagesByPerson(ids, request, (id) => articleCounts.load(id))),
    ),
    quotesBySpeaker: new LoadersByArguments(
      sql((request: PageRequest, ids: readonly number[]) =>
        services.quotes.pagesBySpeaker(ids, null, request, (id) => quoteCounts.load(null, id)),
      ),
    ),
    quotesAboutBySpeaker: new LoadersByArguments(
      sql(({ aboutPersonId, request }: QuotesAboutArgs, ids: readonly number[]) =>
        services.quotes.pagesBySpeaker(ids, aboutPersonId, request, (id) => quoteCounts.load(aboutPersonId, id)),
      ),
    ),
    coMentionedByPerson: new LoadersByArguments(
      sql((limit: number, ids: readonly number[]) => services.people.coMentionedByPersonIds(ids, limit)),
    ),
    relatedByArticle: new LoadersByArguments(
      sql((limit: number, ids: readonly number[]) => services.articles.relatedByArticleIds(ids, limit)),
    ),
  };
}
