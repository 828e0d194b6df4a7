import type { ObjectLiteral, Repository, SelectQueryBuilder } from 'typeorm';
import { FindByIds } from '../../db/find-by-ids';
import { listPage, type ListOrder, rawNumber } from '../../db/keyset-page';
import type { SearchIndex } from '../../db/search-index';
import type { Page, PageRequest } from '../../shared/pagination';
import { SearchType } from '../../shared/search-type.enum';
import { PersonOrder } from './person-order.enum';
import type { Person } from './person.entity';

export interface PersonCriteria {
  query?: string | null;
  articleId?: number | null;
}

/**
 * What the people list filters and orders by that the mention module owns: which articles name
 * whom. src/server/services.ts supplies it when it composes the services, so that person does
 * not import the mention module.
 */
export interface PersonListSources {
  /** An SQL condition: the article in `articleColumn` names the person in `personColumn`; `alias` names its subquery's table. */
  namesPerson(articleColumn: string, personColumn: string, alias: string): string;
  /** A subquery selecting `person_id` and `total` (how many articles name them) of every person named anywhere. */
  mentionTally(sub: SelectQueryBuilder<ObjectLiteral>): SelectQueryBuilder<ObjectLiteral>;
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

export class PersonService {
  constructor(
    private readonly people: Repository<Person>,
    private readonly search: SearchIndex,
    private readonly sources: PersonListSources,
  ) {
    this.byIds = new FindByIds(people);
  }

  private readonly byIds: FindByIds<Person>;

  findById(id: number): Promise<Person | null> {
    return this.people.findOneBy({ id });
  }

  findBySlug(slug: string): Promise<Person | null> {
    return this.people.findOneBy({ slug });
  }

  /** In the order of `ids`, with null for the ones that do not exist (DataLoader's contract). */
  findByIds(ids: readonly number[]): Promise<(Person | null)[]> {
    return this.byIds.find(ids);
  }

  /** People meeting every criterion, in the order asked for; `totalCount` honours the filter. */
  async list(criteria: PersonCriteria, order: PersonOrder, request: PageRequest): Promise<Page<Person>> {
    const build = (forCount: boolean) => {
      const query = this.people.createQueryBuilder('person');
      if (!forCount && order === PersonOrder.MENTIONS_DESC) {
        query.leftJoin((sub) => this.sources.mentionTally(sub), 'mentions', 'mentions.person_id = person.id');
      }
      if (criteria.articleId != null) {
        query.andWhere(this.sources.namesPerson(':articleId', 'person.id', 'named'), { articleId: criteria.articleId });
      }
      if (criteria.query != null && !this.search.whereMatches(query, SearchType.PERSON, 'person.id', criteria.query)) return null;
      return query;
    };
    return listPage(build, request, ORDERS[order]);
  }
}
