import type { Repository } from 'typeorm';
import { countByIds } from '../../db/count-by-ids';
import { FindByIds } from '../../db/find-by-ids';
import { IdListRead } from '../../db/hydrate';
import { countPerParent, keysetPages, listPage, type ListOrder, type ParentBatch } from '../../db/keyset-page';
import type { SearchIndex } from '../../db/search-index';
import type { Page, PageRequest } from '../../shared/pagination';
import { SearchType } from '../../shared/search-type.enum';
import { namesPerson } from '../mention/mention.query';
import type { Quote } from './quote.entity';

/** A QuoteFilter with IDs decoded, plus `aboutPersonId` for quotesAbout. */
export interface QuoteCriteria {
  speakerId?: number | null;
  articleId?: number | null;
  /** Only quotes in articles that name this person. */
  aboutPersonId?: number | null;
  query?: string | null;
  publishedAfter?: Date | null;
  publishedBefore?: Date | null;
}

/** Newest article first; within an article, in order of appearance (by the article's date copied onto the quote, indexed per speaker). */
const NEWEST_FIRST: ListOrder<Quote> = {
  kind: 'quote:newest',
  keys: [
    { expression: 'quote.publishedAt', direction: 'DESC', field: 'p', type: 'date', read: (quote) => quote.publishedAt.toISOString() },
    { expression: 'quote.articleId', direction: 'DESC', field: 'a', type: 'number', read: (quote) => quote.articleId },
    { expression: 'quote.position', direction: 'ASC', field: 'pos', type: 'number', read: (quote) => quote.position },
  ],
};

/** Only quotes in articles that name `:aboutPersonId`. */
const IN_ARTICLES_NAMING = namesPerson('quote.article_id', ':aboutPersonId', 'about');

export class QuoteService {
  constructor(
    private readonly quotes: Repository<Quote>,
    private readonly search: SearchIndex,
  ) {
    this.byIds = new FindByIds(quotes);
    this.inArticles = new IdListRead((articleIds) =>
      quotes
        .createQueryBuilder('quote')
        .where('quote.articleId IN (:...articleIds)', { articleIds })
        .orderBy('quote.articleId')
        .addOrderBy('quote.position'),
    );
  }

  private readonly byIds: FindByIds<Quote>;
  private readonly inArticles: IdListRead<Quote>;

  findById(id: number): Promise<Quote | null> {
    return this.quotes.findOneBy({ id });
  }

  /** In the order of `ids`, with null for the ones that do not exist (DataLoader's contract). */
  findByIds(ids: readonly number[]): Promise<(Quote | null)[]> {
    return this.byIds.find(ids);
  }

  /** How many quotes each person has; one query for all. */
  async quoteCounts(personIds: readonly number[]): Promise<number[]> {
    return countByIds(this.quotes.createQueryBuilder('row').select('row.speaker_id', 'id'), 'row.speaker_id', personIds);
  }

  /** The quotes in each article, in order of appearance; one query for all articles. */
  async byArticleIds(articleIds: readonly number[]): Promise<Quote[][]> {
    const { entities: rows } = await this.inArticles.read(articleIds);
    const byArticle = new Map<number, Quote[]>(articleIds.map((id) => [id, []]));
    for (const row of rows) byArticle.get(row.articleId)?.push(row);
    return articleIds.map((id) => byArticle.get(id) ?? []);
  }

  /** Quotes meeting every criterion, newest article first; `totalCount` honours the filter. */
  async list(criteria: QuoteCriteria, request: PageRequest): Promise<Page<Quote>> {
    const build = () => {
      const query = this.withDates();
      if (criteria.speakerId != null) query.andWhere('quote.speakerId = :speakerId', { speakerId: criteria.speakerId });
      if (criteria.articleId != null) query.andWhere('quote.articleId = :articleId', { articleId: criteria.articleId });
      if (criteria.aboutPersonId != null) query.andWhere(IN_ARTICLES_NAMING, { aboutPersonId: criteria.aboutPersonId });
      if (criteria.publishedAfter != null)
        query.andWhere('quote.publishedAt >= :publishedAfter', { publishedAfter: criteria.publishedAfter });
      if (criteria.publishedBefore != null)
        query.andWhere('quote.publishedAt < :publishedBefore', { publishedBefore: criteria.publishedBefore });
      if (criteria.query != null && !this.search.whereMatches(query, SearchType.QUOTE, 'quote.id', criteria.query)) return null;
      return query;
    };
    return listPage(build, request, NEWEST_FIRST);
  }

  /**
   * Person.quotes and Person.quotesAbout for many speakers at once: each speaker's page, newest
   * article first (the order, and so the cursors, of `list` with `speakerId`), only in articles
   * that name `aboutPersonId` when given; one statement.
   */
  pagesBySpeaker(
    speakerIds: readonly number[],
    aboutPersonId: number | null,
    request: PageRequest,
    totalCount: (speakerId: number) => Promise<number>,
  ): Promise<Page<Quote>[]> {
    return keysetPages(this.bySpeaker(speakerIds, aboutPersonId), request, NEWEST_FIRST, totalCount);
  }

  /** How many quotes each speaker has (only in articles that name `aboutPersonId` when given); one statement. */
  countsBySpeaker(speakerIds: readonly number[], aboutPersonId: number | null): Promise<number[]> {
    return countPerParent(this.bySpeaker(speakerIds, aboutPersonId));
  }

  private bySpeaker(speakerIds: readonly number[], aboutPersonId: number | null): ParentBatch<Quote> {
    return {
      parentIds: speakerIds,
      rows: () => {
        const query = this.withDates().where('quote.speakerId IN (:...speakerIds)', { speakerIds: [...speakerIds] });
        return aboutPersonId != null ? query.andWhere(IN_ARTICLES_NAMING, { aboutPersonId }) : query;
      },
      partition: 'quote.speakerId',
      entities: () => this.withDates(),
    };
  }

  /** Quotes with their article's publication time (not selected by default), which the order reads. */
  private withDates() {
    return this.quotes.createQueryBuilder('quote').addSelect('quote.publishedAt');
  }
}
