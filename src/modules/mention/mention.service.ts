import type { Repository } from 'typeorm';
import { columnsFor } from '../../db/column-selection';
import { countByIds } from '../../db/count-by-ids';
import { IdListRead } from '../../db/hydrate';
import {
  countPerParent,
  keysetPages,
  type ListOrder,
  type ParentBatch,
  rawNumber,
  rawString,
  rowsPerParent,
  sortKeyAlias,
} from '../../db/keyset-page';
import type { Page, PageRequest } from '../../shared/pagination';
import { ArticleOrder } from '../article/article-order.enum';
import type { Article } from '../article/article.entity';
import { articleColumns, articleOrder } from '../article/article.service';
import type { Person } from '../person/person.entity';
import type { MentionRole } from './mention-role.enum';
import { Mention } from './mention.entity';
import { sharedMentions } from './mention.query';
import type { PersonCount } from './person-count.type';

/** What Article.people reads of each person: the Person fields asked for, and the role when a filter needs it. */
export interface PeopleSelection {
  fields: readonly string[];
  role: boolean;
}

/** What Article.relatedArticles reads: how many, and the Article fields asked for. */
export interface RelatedSelection {
  limit: number;
  fields: readonly string[];
}

/** A person an article names, and how (Article.people). */
export interface MentionedPerson {
  person: Person;
  role: MentionRole;
}

/**
 * relatedArticles: most shared people first, then newest, all read from the shared-mentions
 * subquery, so the candidates are sorted without their article rows. Never paged, so never in a
 * cursor (the date is read as the engine returns it).
 */
const MOST_SHARED_ARTICLES: ListOrder<Article> = {
  kind: 'article:related',
  keys: [
    { expression: 'overlap.shared', direction: 'DESC', field: 's', type: 'number', read: rawNumber, computed: true },
    { expression: 'overlap.published', direction: 'DESC', field: 'p', type: 'string', read: rawString, computed: true },
    { expression: 'overlap.id', direction: 'DESC', field: 'id', type: 'number', read: rawNumber, computed: true },
  ],
};

/**
 * Person.articles: the article list's newest-first order, so its cursors too, read off the
 * mention's copy of the article's date, which is indexed per person (a page reads its own rows).
 */
const NEWEST_NAMING: ListOrder<Article> = (() => {
  const [date, id] = articleOrder(ArticleOrder.PUBLISHED_AT_DESC).keys;
  return {
    kind: articleOrder(ArticleOrder.PUBLISHED_AT_DESC).kind,
    keys: [
      { ...date, expression: 'named.published_at' },
      { ...id, expression: 'named.article_id' },
    ],
  };
})();

/** coMentioned: most shared articles first, then by id (never paged, so never in a cursor). */
const MOST_SHARED_PEOPLE: ListOrder<Person> = {
  kind: 'person:co-mentioned',
  keys: [
    { expression: 'overlap.shared', direction: 'DESC', field: 's', type: 'number', read: rawNumber, computed: true },
    { expression: 'person.id', direction: 'ASC', field: 'id', type: 'number', read: (person) => person.id },
  ],
};

/** Who is named in which article: the lists and counts that read the mention table, batched per parent. */
export class MentionService {
  constructor(
    private readonly mentions: Repository<Mention>,
    private readonly articles: Repository<Article>,
    private readonly people: Repository<Person>,
  ) {}

  /** Each article's people with their roles, in order of first appearance: one read per selection. */
  private readonly peopleNamed = new Map<string, IdListRead<Mention>>();

  /**
   * The people each article names, in order of first appearance; one query for all articles.
   * Only the person columns `selection` asks for are read, and the role only when it filters.
   */
  async mentionsByArticleIds(articleIds: readonly number[], selection: PeopleSelection): Promise<MentionedPerson[][]> {
    const { entities: mentions } = await this.peopleNamedRead(selection).read(articleIds);
    const byArticle = new Map<number, MentionedPerson[]>(articleIds.map((id) => [id, []]));
    for (const mention of mentions) byArticle.get(mention.articleId)?.push({ person: mention.person as Person, role: mention.role });
    return articleIds.map((id) => byArticle.get(id) ?? []);
  }

  private peopleNamedRead({ fields, role }: PeopleSelection): IdListRead<Mention> {
    const columns = columnsFor(this.people.metadata, fields);
    // Bounded: a subset of Person's few columns, with or without the role.
    const key = `${role}:${columns.join(',')}`;
    let read = this.peopleNamed.get(key);
    if (!read) {
      read = new IdListRead((articleIds) =>
        this.mentions
          .createQueryBuilder('mention')
          .select(role ? ['mention.articleId', 'mention.role'] : ['mention.articleId'])
          .innerJoin('mention.person', 'person')
          .addSelect(columns.map((column) => `person.${column}`))
          .where('mention.articleId IN (:...articleIds)', { articleIds })
          .orderBy('mention.articleId')
          .addOrderBy('mention.position'),
      );
      this.peopleNamed.set(key, read);
    }
    return read;
  }

  /** How many articles name each person; one query for all. */
  async mentionCounts(personIds: readonly number[]): Promise<number[]> {
    return countByIds(this.mentions.createQueryBuilder('row').select('row.person_id', 'id'), 'row.person_id', personIds);
  }

  /**
   * Person.articles for many people at once: each person's page of the articles that name them,
   * newest first (the order, and so the cursors, of the article list with `personId`); one statement.
   */
  articlePagesByPerson(
    personIds: readonly number[],
    request: PageRequest,
    totalCount: (personId: number) => Promise<number>,
  ): Promise<Page<Article>[]> {
    return keysetPages(this.articlesByPerson(personIds), request, NEWEST_NAMING, totalCount);
  }

  /** How many articles name each person (Person.articles' totalCount); one statement. */
  articleCountsByPerson(personIds: readonly number[]): Promise<number[]> {
    return countPerParent(this.articlesByPerson(personIds));
  }

  /** For each article, the other articles ranked by how many people they share with it, then newest first; one statement. */
  async relatedByArticleIds(articleIds: readonly number[], { limit, fields }: RelatedSelection): Promise<Article[][]> {
    const rows = await rowsPerParent(
      {
        parentIds: articleIds,
        rows: () =>
          this.articles
            .createQueryBuilder('article')
            .innerJoin(sharedMentions('article', articleIds), 'overlap', 'overlap.id = article.id'),
        partition: 'overlap.owner',
        entities: () => this.articles.createQueryBuilder('article').select(articleColumns(this.articles, fields)),
      },
      MOST_SHARED_ARTICLES,
      { count: limit, cursor: null, backward: false },
      limit,
    );
    return rows.map((related) => related.map((row) => row.entity));
  }

  /** For each person, the people named in the same articles, with how many articles they share; one statement. */
  async coMentionedByPersonIds(personIds: readonly number[], limit: number): Promise<PersonCount[][]> {
    const rows = await rowsPerParent(
      {
        parentIds: personIds,
        rows: () =>
          this.people.createQueryBuilder('person').innerJoin(sharedMentions('person', personIds), 'overlap', 'overlap.id = person.id'),
        partition: 'overlap.owner',
        entities: () => this.people.createQueryBuilder('person'),
      },
      MOST_SHARED_PEOPLE,
      { count: limit, cursor: null, backward: false },
      limit,
    );
    return rows.map((people) => people.map((row) => ({ person: row.entity, count: Number(row.raw[sortKeyAlias(0)]) })));
  }

  /** The articles that name any of these people, once under each person who is named. */
  private articlesByPerson(personIds: readonly number[]): ParentBatch<Article> {
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
}
