import { Repository } from 'typeorm';
import { MentionRole } from './mention-role.enum';
import { Mention } from './mention.entity';
import { Person } from './person.entity';

export interface PersonMention {
  person: Person;
  role: MentionRole;
}

export class PersonService {
  constructor(
    private readonly people: Repository<Person>,
    private readonly mentions: Repository<Mention>,
  ) {}

  findById(id: number): Promise<Person | null> {
    return this.people.findOneBy({ id });
  }

  findBySlug(slug: string): Promise<Person | null> {
    return this.people.findOneBy({ slug });
  }

  /** In the order of `ids`, with null for the ones that do not exist (DataLoader's contract). */
  async findByIds(ids: readonly number[]): Promise<(Person | null)[]> {
    const rows = await this.people.createQueryBuilder('person').whereInIds([...ids]).getMany();
    const byId = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => byId.get(id) ?? null);
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
}
