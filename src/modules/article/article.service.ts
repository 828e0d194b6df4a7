import { Repository, SelectQueryBuilder } from 'typeorm';
import { keysetAfter } from '../../db/keyset';
import { decodeCursor, encodeCursor } from '../../shared/cursor';
import { Page, PageRequest, toPage } from '../../shared/pagination';
import { Mention } from '../person/mention.entity';
import { Article } from './article.entity';

const NEWEST_FIRST = 'article:newest';
type NewestFirstKey = { p: string; id: number };

export class ArticleService {
  constructor(
    private readonly articles: Repository<Article>,
    private readonly mentions: Repository<Mention>,
  ) {}

  findById(id: number): Promise<Article | null> {
    return this.articles.findOneBy({ id });
  }

  findBySlug(slug: string): Promise<Article | null> {
    return this.articles.findOneBy({ slug });
  }

  /** In the order of `ids`, with null for the ones that do not exist (DataLoader's contract). */
  async findByIds(ids: readonly number[]): Promise<(Article | null)[]> {
    const rows = await this.articles.createQueryBuilder('article').whereInIds([...ids]).getMany();
    const byId = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => byId.get(id) ?? null);
  }

  async exists(id: number): Promise<boolean> {
    return (await this.articles.countBy({ id })) > 0;
  }

  /** All articles, newest first. */
  list(request: PageRequest): Promise<Page<Article>> {
    return this.newestFirstPage(this.articles.createQueryBuilder('article'), request, () => this.articles.count());
  }

  /** The articles that name a person, newest first. */
  listMentioning(personId: number, request: PageRequest): Promise<Page<Article>> {
    const query = this.articles
      .createQueryBuilder('article')
      .innerJoin(Mention, 'mention', 'mention.articleId = article.id AND mention.personId = :personId', { personId });
    return this.newestFirstPage(query, request, () => this.mentions.countBy({ personId }));
  }

  private async newestFirstPage(
    query: SelectQueryBuilder<Article>,
    request: PageRequest,
    count: () => Promise<number>,
  ): Promise<Page<Article>> {
    if (request.after !== null) {
      const key = decodeCursor<NewestFirstKey>(request.after, NEWEST_FIRST, { p: 'date', id: 'number' });
      const publishedAt = new Date(key.p);
      const seek = keysetAfter([
        { expression: 'article.publishedAt', direction: 'DESC', value: publishedAt },
        { expression: 'article.id', direction: 'DESC', value: key.id },
      ]);
      query.andWhere(seek.where, seek.parameters);
    }
    const rows = await query
      .orderBy('article.publishedAt', 'DESC')
      .addOrderBy('article.id', 'DESC')
      .limit(request.first + 1)
      .getMany();
    return toPage(rows, request, (row) => encodeCursor(NEWEST_FIRST, { p: row.publishedAt.toISOString(), id: row.id }), count);
  }
}
