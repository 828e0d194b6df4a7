import type { ObjectLiteral, Repository, SelectQueryBuilder } from 'typeorm';
import { findByIdsInOrder } from '../../db/find-by-ids';
import { keysetPage, type ListOrder, rawNumber, rowsPerParent, sortKeyAlias } from '../../db/keyset-page';
import { emptyPage, type Page, type PageRequest } from '../../shared/pagination';
import type { Quote } from '../quote/quote.entity';
import { toFtsQuery } from '../search/fts-query';
import type { SearchIndex } from '../search/search-index';
import type { MentionRole } from './mention-role.enum';
import { Mention } from './mention.entity';
import { PersonOrder } from './person-filter.input';
import type { Person } from './person.entity';
import { sharedMentions } from './shared-mentions.query';

export interface PersonMention {
  person: Person;
  role: MentionRole;
}

export interface PersonCriteria {
  query?: string | null;
  articleId?: number | null;
}

export interface PersonCount {
  person: Person;
  count: number;
}

const ORDERS: Record<PersonOrder, ListOrder<Person>> = {
  [PersonOrder.MENTIONS_DESC]: {
    kind: 'person:mentions',
    keys: [
      { expression: 'COALESCE(mentions.total, 0)', direction: 'DESC', field: 'm', type: 'number', read: rawNumber, computed: true },
      { expression: 'person.id', direction: 'ASC', field: 'id', type: 'number', read: (person) => person.id },
    ],
  },
  [PersonOrder.NAME_ASC]: {
    kind: 'person:name',
    keys: [
      { expression: 'person.normalizedName', direction: 'ASC', field: 'n', type: 'string', read: (person) => person.normalizedName },
      { expression: 'person.id', direction: 'ASC', field: 'id', type: 'number', read: (person) => person.id },
    ],
  },
};

/** coMentioned: most shared articles first, then by id (never paged, so never in a cursor). */
const MOST_SHARED: ListOrder<Person> = {
  kind: 'person:co-mentioned',
  keys: [
    { expression: 'overlap.shared', direction: 'DESC', field: 's', type: 'number', read: rawNumber, computed: true },
    { expression: 'person.id', direction: 'ASC', field: 'id', type: 'number', read: (person) => person.id },
  ],
};

export class PersonService {
  constructor(
    private readonly people: Repository<Person>,
    private readonly mentions: Repository<Mention>,
    private readonly quotes: Repository<Quote>,
    private readonly search: SearchIndex,
  ) {}

  findById(id: number): Promise<Person | null> {
    return this.people.findOneBy({ id });
  }

  findBySlug(slug: string): Promise<Person | null> {
    return this.people.findOneBy({ slug });
  }

  /** In the order of `ids`, with null for the ones that do not exist (DataLoader's contract). */
  findByIds(ids: readonly number[]): Promise<(Person | null)[]> {
    return findByIdsInOrder(this.people, ids);
  }

  /** The people each article names, in order of first appearance; one query for all articles. */
  async mentionsByArticleIds(articleIds: readonly number[]): Promise<PersonMention[][]> {
    const rows = await this.mentions
      .createQueryBuilder('mention')
      .innerJoinAndSelect('mention.person', 'person')
      .where('mention.articleId IN (:...articleIds)', { articleIds: [...articleIds] })
      .orderBy('mention.articleId')
      .addOrderBy('mention.position')
      .getMany();
    const byArticle = new Map<number, PersonMention[]>(articleIds.map((id) => [id, []]));
    for (const row of rows) byArticle.get(row.articleId)?.push({ person: row.person as Person, role: row.role });
    return articleIds.map((id) => byArticle.get(id) ?? []);
  }

  /** How many articles name each person; one query for all. */
  async mentionCounts(personIds: readonly number[]): Promise<number[]> {
    return countBy(this.mentions.createQueryBuilder('row').select('row.person_id', 'id'), 'row.person_id', personIds);
  }

  /** How many quotes each person has; one query for all. */
  async quoteCounts(personIds: readonly number[]): Promise<number[]> {
    return countBy(this.quotes.createQueryBuilder('row').select('row.speaker_id', 'id'), 'row.speaker_id', personIds);
  }

  /** People meeting every criterion, in the order asked for; `totalCount` honours the filter. */
  async list(criteria: PersonCriteria, order: PersonOrder, request: PageRequest): Promise<Page<Person>> {
    const build = (forCount: boolean) => {
      const query = this.people.createQueryBuilder('person');
      if (!forCount && order === PersonOrder.MENTIONS_DESC) {
        query.leftJoin(
          (sub) =>
            sub
              .from(Mention, 'mention')
              .select('mention.person_id', 'person_id')
              .addSelect('COUNT(*)', 'total')
              .groupBy('mention.person_id'),
          'mentions',
          'mentions.person_id = person.id',
        );
      }
      if (criteria.articleId != null) {
        query.andWhere('EXISTS (SELECT 1 FROM mention named WHERE named.person_id = person.id AND named.article_id = :articleId)', {
          articleId: criteria.articleId,
        });
      }
      if (criteria.query != null) {
        const fts = toFtsQuery(criteria.query);
        if (fts === null) return null;
        query.andWhere(`person.id IN (SELECT id FROM (${this.search.personMatches('fts')}))`, { fts });
      }
      return query;
    };
    const query = build(false);
    if (!query) return emptyPage();
    return keysetPage(query, request, ORDERS[order], () => build(true)!.getCount());
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
      MOST_SHARED,
      { count: limit, cursor: null, backward: false },
      limit,
    );
    return rows.map((people) => people.map((row) => ({ person: row.entity, count: Number(row.raw[sortKeyAlias(0)]) })));
  }
}

async function countBy(query: SelectQueryBuilder<ObjectLiteral>, column: string, ids: readonly number[]): Promise<number[]> {
  const rows: { id: number; total: number }[] = await query
    .addSelect('COUNT(*)', 'total')
    .where(`${column} IN (:...ids)`, { ids: [...ids] })
    .groupBy(column)
    .getRawMany();
  const counts = new Map(rows.map((row) => [Number(row.id), Number(row.total)]));
  return ids.map((id) => counts.get(id) ?? 0);
}
