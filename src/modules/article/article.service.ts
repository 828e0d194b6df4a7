import type { ObjectLiteral, Repository, SelectQueryBuilder } from 'typeorm';
import { columnsFor } from '../../db/column-selection';
import { FindByIds } from '../../db/find-by-ids';
import { readRows } from '../../db/hydrate';
import { listPage, type ListOrder, rawNumber } from '../../db/keyset-page';
import type { SearchIndex } from '../../db/search-index';
import { badUserInput } from '../../shared/errors';
import { emptyPage, type Page, type PageRequest } from '../../shared/pagination';
import { SearchType } from '../../shared/search-type.enum';
import { ArticleOrder } from './article-order.enum';
import { ARTICLE_FIELD_COLUMNS, type Article } from './article.entity';
import type { SectionCount } from './section-count.type';

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

/**
 * What the article list filters and orders by that the modules above article own: the people an
 * article names (person and mention modules) and its votes (rating module). src/server/services.ts
 * supplies them when it composes the services, so that article imports none of those modules.
 */
export interface ArticleListSources {
  /** The id of the person with this slug (filter.personSlug); null when there is none. */
  personIdBySlug(slug: string): Promise<number | null>;
  /** An SQL condition: the article in `articleColumn` names the person in `personColumn`; `alias` names its subquery's table. */
  namesPerson(articleColumn: string, personColumn: string, alias: string): string;
  /** A subquery selecting `article_id`, `average` (mean stars) and `votes` of every article with a vote. */
  ratingTally(sub: SelectQueryBuilder<ObjectLiteral>): SelectQueryBuilder<ObjectLiteral>;
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

/**
 * `article.<property>` selections for the Article fields asked for, with the date every article
 * order's cursor reads (src/db/column-selection.ts); for the article lists of every module.
 */
export function articleColumns(articles: Repository<Article>, fields: readonly string[], alias = 'article'): string[] {
  return columnsFor(articles.metadata, fields, ARTICLE_FIELD_COLUMNS, ['publishedAt']).map((property) => `${alias}.${property}`);
}

/**
 * The keyset order (and so the cursor kind) of an article list. Lists of articles elsewhere
 * (Person.articles) use the same one, so that their cursors page the root list and back.
 */
export function articleOrder(order: ArticleOrder): ListOrder<Article> {
  return ORDERS[order];
}

export class ArticleService {
  constructor(
    private readonly articles: Repository<Article>,
    private readonly search: SearchIndex,
    private readonly sources: ArticleListSources,
  ) {
    this.byIds = new FindByIds(articles);
    this.bodies = new FindByIds(articles, ['id', 'body']);
  }

  private readonly byIds: FindByIds<Article>;
  private readonly bodies: FindByIds<Article>;

  /** One article with its body: an article page shows it. */
  findById(id: number): Promise<Article | null> {
    return this.findOneWithBody('article.id = :id', { id });
  }

  /** One article with its body: an article page shows it. */
  findBySlug(slug: string): Promise<Article | null> {
    return this.findOneWithBody('article.slug = :slug', { slug });
  }

  /** The bodies of articles read without them (lists), in the order of `ids`; one query for all. */
  async bodiesByIds(ids: readonly number[]): Promise<(string | null)[]> {
    return (await this.bodies.find(ids)).map((article) => article?.body ?? null);
  }

  private async findOneWithBody(where: string, parameters: Record<string, unknown>): Promise<Article | null> {
    const { entities } = await readRows(
      this.articles.createQueryBuilder('article').addSelect('article.body').where(where, parameters).limit(1),
    );
    return entities[0] ?? null;
  }

  /** In the order of `ids`, with null for the ones that do not exist (DataLoader's contract). */
  findByIds(ids: readonly number[]): Promise<(Article | null)[]> {
    return this.byIds.find(ids);
  }

  /**
   * Articles meeting every criterion, in the order asked for; `totalCount` honours the filter.
   * With `fields` (the Article fields an operation asks for), only the columns they read are selected.
   */
  async list(criteria: ArticleCriteria, order: ArticleOrder, request: PageRequest, fields?: readonly string[]): Promise<Page<Article>> {
    if (order === ArticleOrder.RELEVANCE && !criteria.query) {
      throw badUserInput('orderBy RELEVANCE needs filter.query.', { argumentName: 'orderBy' });
    }
    // The slug is looked up once, not again for the count.
    const personIds = new Set<number>();
    if (criteria.personId != null) personIds.add(criteria.personId);
    if (criteria.personSlug != null) {
      const personId = await this.sources.personIdBySlug(criteria.personSlug);
      if (personId === null) return emptyPage();
      personIds.add(personId);
    }
    const build = (forCount: boolean) => {
      const query = this.articles.createQueryBuilder('article');
      if (!forCount && fields) query.select(articleColumns(this.articles, fields));
      const needsRating = criteria.minRating != null || (!forCount && order === ArticleOrder.RATING_DESC);
      if (needsRating) query.leftJoin((sub) => this.sources.ratingTally(sub), 'rating', 'rating.article_id = article.id');
      return this.applyCriteria(query, criteria, [...personIds], !forCount && order === ArticleOrder.RELEVANCE) ? query : null;
    };
    return listPage(build, request, ORDERS[order]);
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

  /** Adds the criteria as WHERE conditions; false when they cannot match anything. */
  private applyCriteria(query: SelectQueryBuilder<Article>, criteria: ArticleCriteria, personIds: number[], joinRank: boolean): boolean {
    if (criteria.section != null) query.andWhere('article.section = :section', { section: criteria.section });
    for (const [index, personId] of personIds.entries()) {
      query.andWhere(this.sources.namesPerson('article.id', `:person${index}`, `m${index}`), { [`person${index}`]: personId });
    }
    if (criteria.publishedAfter != null)
      query.andWhere('article.publishedAt >= :publishedAfter', { publishedAfter: criteria.publishedAfter });
    if (criteria.publishedBefore != null)
      query.andWhere('article.publishedAt < :publishedBefore', { publishedBefore: criteria.publishedBefore });
    if (criteria.minRating != null) query.andWhere('rating.average >= :minRating', { minRating: criteria.minRating });
    if (criteria.query != null) {
      // RELEVANCE orders by the match's rank, so it joins the matches; any other order only filters by them.
      if (!joinRank) return this.search.whereMatches(query, SearchType.ARTICLE, 'article.id', criteria.query);
      const fts = this.search.query(criteria.query);
      if (fts === null) return false;
      query.innerJoin(`(${this.search.articleMatches('fts')})`, 'fts', 'fts.id = article.id', { fts });
    }
    return true;
  }
}
