import { Brackets, type Repository, type SelectQueryBuilder } from 'typeorm';
import { findByIdsInOrder } from '../../db/find-by-ids';
import { countPerParent, keysetPage, keysetPages, type ListOrder, type ParentBatch, rawNumber, rowsPerParent } from '../../db/keyset-page';
import { badUserInput } from '../../server/errors';
import { emptyPage, type Page, type PageRequest } from '../../shared/pagination';
import { Mention } from '../person/mention.entity';
import type { Person } from '../person/person.entity';
import { sharedMentions } from '../person/shared-mentions.query';
import { Vote } from '../rating/vote.entity';
import { toFtsQuery } from '../search/fts-query';
import type { SearchIndex } from '../search/search-index';
import { ArticleOrder } from './article-filter.input';
import type { Article } from './article.entity';

/** An ArticleFilter with IDs already decoded. */
export interface ArticleCriteria {
  section?: string | null;
  personId?: number | null;
  personSlug?: string | null;
  publishedAfter?: Date | null;
  publishedBefore?: Date | null;
  query?: string | null;
  minRating?: number | null;
}

export interface SectionCount {
  name: string;
  count: number;
}

const published = (direction: 'ASC' | 'DESC'): ListOrder<Article> => ({
  kind: `article:published-${direction.toLowerCase()}`,
  keys: [
    { expression: 'article.publishedAt', direction, field: 'p', type: 'date', read: (article) => article.publishedAt.toISOString() },
    { expression: 'article.id', direction, field: 'id', type: 'number', read: (article) => article.id },
  ],
});

const ORDERS: Record<ArticleOrder, ListOrder<Article>> = {
  [ArticleOrder.PUBLISHED_AT_DESC]: published('DESC'),
  [ArticleOrder.PUBLISHED_AT_ASC]: published('ASC'),
  [ArticleOrder.RATING_DESC]: {
    kind: 'article:rating',
    keys: [
      { expression: 'COALESCE(rating.average, 0)', direction: 'DESC', field: 'r', type: 'float', read: rawNumber, computed: true },
      { expression: 'COALESCE(rating.votes, 0)', direction: 'DESC', field: 'v', type: 'number', read: rawNumber, computed: true },
      { expression: 'article.id', direction: 'DESC', field: 'id', type: 'number', read: (article) => article.id },
    ],
  },
  [ArticleOrder.RELEVANCE]: {
    kind: 'article:relevance',
    keys: [
      { expression: 'fts.rank', direction: 'ASC', field: 's', type: 'float', read: rawNumber, computed: true },
      { expression: 'article.id', direction: 'ASC', field: 'id', type: 'number', read: (article) => article.id },
    ],
  },
};

/** relatedArticles: most shared people first, then newest (never paged, so never in a cursor). */
const MOST_SHARED: ListOrder<Article> = {
  kind: 'article:related',
  keys: [
    { expression: 'overlap.shared', direction: 'DESC', field: 's', type: 'number', read: rawNumber, computed: true },
    ...published('DESC').keys,
  ],
};

export class ArticleService {
  constructor(
    private readonly articles: Repository<Article>,
    private readonly people: Repository<Person>,
    private readonly search: SearchIndex,
  ) {}

  findById(id: number): Promise<Article | null> {
    return this.articles.findOneBy({ id });
  }

  findBySlug(slug: string): Promise<Article | null> {
    return this.articles.findOneBy({ slug });
  }

  /** In the order of `ids`, with null for the ones that do not exist (DataLoader's contract). */
  findByIds(ids: readonly number[]): Promise<(Article | null)[]> {
    return findByIdsInOrder(this.articles, ids);
  }

  /** Articles meeting every criterion, in the order asked for; `totalCount` honours the filter. */
  async list(criteria: ArticleCriteria, order: ArticleOrder, request: PageRequest): Promise<Page<Article>> {
    if (order === ArticleOrder.RELEVANCE && !criteria.query) {
      throw badUserInput('orderBy RELEVANCE needs filter.query.', { argumentName: 'orderBy' });
    }
    // The slug is looked up once, not again for the count.
    const personIds = new Set<number>();
    if (criteria.personId != null) personIds.add(criteria.personId);
    if (criteria.personSlug != null) {
      const person = await this.people.findOneBy({ slug: criteria.personSlug });
      if (!person) return emptyPage();
      personIds.add(person.id);
    }
    const build = (forCount: boolean) => {
      const query = this.articles.createQueryBuilder('article');
      const needsRating = criteria.minRating != null || (!forCount && order === ArticleOrder.RATING_DESC);
      if (needsRating) {
        query.leftJoin(
          (sub) =>
            sub
              .from(Vote, 'vote')
              .select('vote.article_id', 'article_id')
              .addSelect('AVG(vote.stars)', 'average')
              .addSelect('COUNT(*)', 'votes')
              .groupBy('vote.article_id'),
          'rating',
          'rating.article_id = article.id',
        );
      }
      return this.applyCriteria(query, criteria, [...personIds], !forCount && order === ArticleOrder.RELEVANCE) ? query : null;
    };
    const query = build(false);
    if (!query) return emptyPage();
    return keysetPage(query, request, ORDERS[order], () => build(true)!.getCount());
  }

  /** Sections with their article counts, largest first. */
  async sections(): Promise<SectionCount[]> {
    const rows: { name: string; count: number }[] = await this.articles
      .createQueryBuilder('article')
      .select('article.section', 'name')
      .addSelect('COUNT(*)', 'count')
      .groupBy('article.section')
      .orderBy('count', 'DESC')
      .addOrderBy('article.section', 'ASC')
      .getRawMany();
    return rows.map((row) => ({ name: row.name, count: Number(row.count) }));
  }

  /**
   * Person.articles for many people at once: each person's page of the articles that name them,
   * newest first (the order, and so the cursors, of `list` with `personId`); one statement.
   */
  pagesByPerson(
    personIds: readonly number[],
    request: PageRequest,
    totalCount: (personId: number) => Promise<number>,
  ): Promise<Page<Article>[]> {
    return keysetPages(this.byPerson(personIds), request, ORDERS[ArticleOrder.PUBLISHED_AT_DESC], totalCount);
  }

  /** How many articles name each person (Person.articles' totalCount); one statement. */
  countsByPerson(personIds: readonly number[]): Promise<number[]> {
    return countPerParent(this.byPerson(personIds));
  }

  /** For each article, the other articles ranked by how many people they share with it, then newest first; one statement. */
  async relatedByArticleIds(articleIds: readonly number[], limit: number): Promise<Article[][]> {
    const rows = await rowsPerParent(
      {
        parentIds: articleIds,
        rows: () =>
          this.articles
            .createQueryBuilder('article')
            .innerJoin(sharedMentions('article', articleIds), 'overlap', 'overlap.id = article.id'),
        partition: 'overlap.owner',
        entities: () => this.articles.createQueryBuilder('article'),
      },
      MOST_SHARED,
      { count: limit, cursor: null, backward: false },
      limit,
    );
    return rows.map((related) => related.map((row) => row.entity));
  }

  /** The articles that name any of these people, once under each person who is named. */
  private byPerson(personIds: readonly number[]): ParentBatch<Article> {
    return {
      parentIds: personIds,
      rows: () =>
        this.articles
          .createQueryBuilder('article')
          .innerJoin(Mention, 'named', 'named.article_id = article.id AND named.person_id IN (:...namedIds)', { namedIds: [...personIds] }),
      partition: 'named.person_id',
      entities: () => this.articles.createQueryBuilder('article'),
    };
  }

  /** Adds the criteria as WHERE conditions; false when they cannot match anything. */
  private applyCriteria(query: SelectQueryBuilder<Article>, criteria: ArticleCriteria, personIds: number[], joinRank: boolean): boolean {
    if (criteria.section != null) query.andWhere('article.section = :section', { section: criteria.section });
    for (const [index, personId] of personIds.entries()) {
      query.andWhere(
        `EXISTS (SELECT 1 FROM mention m${index} WHERE m${index}.article_id = article.id AND m${index}.person_id = :person${index})`,
        {
          [`person${index}`]: personId,
        },
      );
    }
    if (criteria.publishedAfter != null)
      query.andWhere('article.publishedAt >= :publishedAfter', { publishedAfter: criteria.publishedAfter });
    if (criteria.publishedBefore != null)
      query.andWhere('article.publishedAt < :publishedBefore', { publishedBefore: criteria.publishedBefore });
    if (criteria.minRating != null) query.andWhere('rating.average >= :minRating', { minRating: criteria.minRating });
    if (criteria.query != null) {
      const fts = toFtsQuery(criteria.query);
      if (fts === null) return false;
      if (joinRank) query.innerJoin(`(${this.search.articleMatches('fts')})`, 'fts', 'fts.id = article.id', { fts });
      else
        query.andWhere(
          new Brackets((where) => where.where(`article.id IN (SELECT id FROM (${this.search.articleMatches('fts')}))`, { fts })),
        );
    }
    return true;
  }
}
