import type { DataSource } from 'typeorm';
import { openDatabase } from '../../src/db/data-source';
import { IdListRead } from '../../src/db/hydrate';
import { Article } from '../../src/modules/article/article.entity';
import { entities } from '../../src/modules/entities';
import { Quote } from '../../src/modules/quote/quote.entity';
import { loadArchive } from '../support/archive';

describe('IdListRead: reads by a list of ids, the SQL built once per count', () => {
  let dataSource: DataSource;

  beforeAll(async () => {
    dataSource = await openDatabase({ type: 'sqlite', database: ':memory:' }, entities);
    await loadArchive(dataSource, { articles: 30, seed: 5 });
  });
  afterAll(() => dataSource.destroy());

  it('builds the statement once per number of ids, and answers each read with its own ids', async () => {
    const build = jest.fn((ids: number[]) =>
      dataSource
        .getRepository(Quote)
        .createQueryBuilder('quote')
        .innerJoin('quote.article', 'article')
        .addSelect('article.publishedAt')
        .where('quote.articleId IN (:...ids)', { ids }),
    );
    const read = new IdListRead(build);
    for (const ids of [
      [1, 2, 3],
      [4, 5, 6],
      [7, 8, 9],
      [10, 11],
    ]) {
      const { entities: quotes } = await read.read(ids);
      const expected = await dataSource
        .getRepository(Quote)
        .find({ where: ids.map((articleId) => ({ articleId })), relations: { article: true } });
      expect(quotes.map((quote) => quote.id).sort()).toEqual(expected.map((quote) => quote.id).sort());
      expect(new Set(quotes.map((quote) => quote.articleId))).toEqual(new Set(expected.map((quote) => quote.articleId)));
      // The joined article's date is hydrated as a Date, from the cached statement too.
      for (const quote of quotes) {
        expect(quote.article?.publishedAt).toEqual(expected.find((other) => other.id === quote.id)?.article?.publishedAt);
      }
    }
    // Three reads of three ids: built once; the read of two ids: once more.
    expect(build).toHaveBeenCalledTimes(2);
  });

  it('builds every time a statement whose parameters are not just the ids', async () => {
    const build = jest.fn((ids: number[]) =>
      dataSource
        .getRepository(Article)
        .createQueryBuilder('article')
        .where('article.id IN (:...ids)', { ids })
        .andWhere('article.section != :none', { none: '-' }),
    );
    const read = new IdListRead(build);
    expect((await read.read([1, 2])).entities.map((article) => article.id).sort()).toEqual([1, 2]);
    expect((await read.read([3, 4])).entities.map((article) => article.id).sort()).toEqual([3, 4]);
    expect(build).toHaveBeenCalledTimes(2);
  });
});
