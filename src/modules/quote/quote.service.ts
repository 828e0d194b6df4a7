import { Repository } from 'typeorm';
import { keysetAfter } from '../../db/keyset';
import { decodeCursor, encodeCursor } from '../../shared/cursor';
import { Page, PageRequest, toPage } from '../../shared/pagination';
import { Quote } from './quote.entity';

const BY_SPEAKER = 'quote:speaker-newest';
/** Article published-at, article id, position in the article. */
type BySpeakerKey = { p: string; a: number; pos: number };

export class QuoteService {
  constructor(private readonly quotes: Repository<Quote>) {}

  findById(id: number): Promise<Quote | null> {
    return this.quotes.findOneBy({ id });
  }

  /** The quotes in each article, in order of appearance; one query for all articles. */
  async byArticleIds(articleIds: readonly number[]): Promise<Quote[][]> {
    const rows = await this.quotes
      .createQueryBuilder('quote')
      .where('quote.articleId IN (:...articleIds)', { articleIds: [...articleIds] })
      .orderBy('quote.articleId')
      .addOrderBy('quote.position')
      .getMany();
    const byArticle = new Map<number, Quote[]>(articleIds.map((id) => [id, []]));
    for (const row of rows) byArticle.get(row.articleId)?.push(row);
    return articleIds.map((id) => byArticle.get(id) ?? []);
  }

  /** A person's quotes: newest article first, in order of appearance within an article. */
  async listBySpeaker(speakerId: number, request: PageRequest): Promise<Page<Quote>> {
    const query = this.quotes
      .createQueryBuilder('quote')
      .innerJoin('quote.article', 'article')
      .addSelect('article.publishedAt')
      .where('quote.speakerId = :speakerId', { speakerId });
    if (request.after !== null) {
      const key = decodeCursor<BySpeakerKey>(request.after, BY_SPEAKER, { p: 'date', a: 'number', pos: 'number' });
      const seek = keysetAfter([
        { expression: 'article.publishedAt', direction: 'DESC', value: new Date(key.p) },
        { expression: 'quote.articleId', direction: 'DESC', value: key.a },
        { expression: 'quote.position', direction: 'ASC', value: key.pos },
      ]);
      query.andWhere(seek.where, seek.parameters);
    }
    const rows = await query
      .orderBy('article.publishedAt', 'DESC')
      .addOrderBy('quote.articleId', 'DESC')
      .addOrderBy('quote.position', 'ASC')
      .limit(request.first + 1)
      .getMany();
    return toPage(
      rows,
      request,
      (row) => encodeCursor(BY_SPEAKER, { p: (row.article as { publishedAt: Date }).publishedAt.toISOString(), a: row.articleId, pos: row.position }),
      () => this.quotes.countBy({ speakerId }),
    );
  }
}
