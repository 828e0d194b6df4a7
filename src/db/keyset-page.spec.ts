import 'reflect-metadata';
import { Column, DataSource, Entity, PrimaryColumn } from 'typeorm';
import type { Page, PageRequest } from '../shared/pagination';
import { countPerParent, keysetPage, keysetPages, type ListOrder, type ParentBatch } from './keyset-page';

/** A list of its own, so these tests exercise the helper, not any one module's query. */
@Entity('row')
class Row {
  @PrimaryColumn()
  id: number;

  @Column()
  parent: number;

  @Column()
  score: number;
}

const BY_SCORE: ListOrder<Row> = {
  kind: 'row:score',
  keys: [
    { expression: 'row.score', direction: 'DESC', field: 's', type: 'number', read: (row) => row.score },
    { expression: 'row.id', direction: 'ASC', field: 'id', type: 'number', read: (row) => row.id },
  ],
};

// 30 rows: parent 1 has 12, parent 2 has 3, parent 3 has 15; scores repeat so ties need the id.
const ROWS = Array.from({ length: 30 }, (_, index) => ({
  id: index + 1,
  parent: index < 12 ? 1 : index < 15 ? 2 : 3,
  score: (index * 7) % 5,
}));
const expected = (rows: typeof ROWS) => [...rows].sort((a, b) => b.score - a.score || a.id - b.id).map((row) => row.id);

describe('keysetPage and keysetPages', () => {
  let dataSource: DataSource;
  beforeAll(async () => {
    dataSource = new DataSource({ type: 'sqlite', database: ':memory:', entities: [Row], synchronize: true });
    await dataSource.initialize();
    await dataSource.getRepository(Row).insert(ROWS);
  });
  afterAll(() => dataSource.destroy());

  const query = () => dataSource.getRepository(Row).createQueryBuilder('row');
  const count = async () => ROWS.length;

  it('walks the whole list forwards and backwards, every row once, in order', async () => {
    const forwards: number[] = [];
    let cursor: string | null = null;
    for (;;) {
      const page: Page<Row> = await keysetPage(query(), { count: 7, cursor, backward: false }, BY_SCORE, count);
      forwards.push(...page.nodes.map((row) => row.id));
      expect(page.hasPreviousPage).toBe(cursor !== null);
      if (!page.hasNextPage) break;
      cursor = page.cursors[page.cursors.length - 1];
    }
    expect(forwards).toEqual(expected(ROWS));

    const backwards: number[] = [];
    cursor = null;
    for (;;) {
      const page: Page<Row> = await keysetPage(query(), { count: 7, cursor, backward: true }, BY_SCORE, count);
      backwards.unshift(...page.nodes.map((row) => row.id));
      if (!page.hasPreviousPage) break;
      cursor = page.cursors[0];
    }
    expect(backwards).toEqual(expected(ROWS));
  });

  it('refuses a cursor of another list as BAD_USER_INPUT', async () => {
    const other = await keysetPage(query(), { count: 1, cursor: null, backward: false }, { ...BY_SCORE, kind: 'row:other' }, count);
    await expect(keysetPage(query(), { count: 1, cursor: other.cursors[0], backward: false }, BY_SCORE, count)).rejects.toMatchObject({
      extensions: { code: 'BAD_USER_INPUT' },
    });
  });

  it('pages each parent from one statement, the same pages keysetPage gives one parent at a time', async () => {
    const batch = (parentIds: number[]): ParentBatch<Row> => ({ parentIds, rows: query, partition: 'row.parent', entities: query });
    const parents = [3, 2, 1, 4];
    for (const request of [
      { count: 5, cursor: null, backward: false },
      { count: 5, cursor: null, backward: true },
    ]) {
      const pages = await keysetPages(batch(parents), request, BY_SCORE, async () => 0);
      for (const [index, parent] of parents.entries()) {
        const alone = await keysetPage(query().where('row.parent = :parent', { parent }), request, BY_SCORE, count);
        expect({
          parent,
          ids: pages[index].nodes.map((row) => row.id),
          cursors: pages[index].cursors,
          next: pages[index].hasNextPage,
        }).toEqual({
          parent,
          ids: alone.nodes.map((row) => row.id),
          cursors: alone.cursors,
          next: alone.hasNextPage,
        });
      }
    }
    expect(await countPerParent(batch(parents))).toEqual([15, 3, 12, 0]);
  });

  it('pages a lone parent (an ORDER BY with a LIMIT, no window) exactly as keysetPage does, both ways, to the end', async () => {
    const batch = (parentIds: number[]): ParentBatch<Row> => ({ parentIds, rows: query, partition: 'row.parent', entities: query });
    for (const parent of [1, 2, 3, 4]) {
      for (const backward of [false, true]) {
        const walked: number[] = [];
        let cursor: string | null = null;
        for (;;) {
          const request: PageRequest = { count: 4, cursor, backward };
          const [page]: Page<Row>[] = await keysetPages(batch([parent]), request, BY_SCORE, async () => 0);
          const alone = await keysetPage(query().where('row.parent = :parent', { parent }), request, BY_SCORE, count);
          expect([page.nodes.map((row) => row.id), page.cursors, page.hasNextPage, page.hasPreviousPage]).toEqual([
            alone.nodes.map((row) => row.id),
            alone.cursors,
            alone.hasNextPage,
            alone.hasPreviousPage,
          ]);
          walked.push(...(backward ? [...page.nodes].reverse() : page.nodes).map((row) => row.id));
          if (!(backward ? page.hasPreviousPage : page.hasNextPage)) break;
          cursor = backward ? page.cursors[0] : page.cursors[page.cursors.length - 1];
        }
        const own = expected(ROWS.filter((row) => row.parent === parent));
        expect(walked).toEqual(backward ? [...own].reverse() : own);
      }
    }
  });
});
