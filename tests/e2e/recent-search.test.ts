import {
  createRecentSearchTriggers,
  dropRecentSearchTriggers,
  RECENT_SEARCH_ROWS,
  refillRecentSearchIndex,
} from '../../migrations/1764700000000-recent-search-index';
import { SqliteFtsIndex } from '../../src/db/search-index';
import type { ArticleDraft } from '../../src/modules/import/article-draft';
import { ArticleWriter } from '../../src/modules/import/article-writer.service';
import { SearchType } from '../../src/shared/search-type.enum';
import { describeOnSqlite, startTestGateway, type TestGateway } from '../support/test-gateway';

const draft = (headline: string, paragraphs: string[], extra: Partial<ArticleDraft> = {}): ArticleDraft => ({
  headline,
  section: 'World',
  publishedAt: new Date('2026-03-01T00:00:00Z'),
  paragraphs,
  people: [],
  quotes: [],
  ...extra,
});

/**
 * The recent search indexes (migration 1764700000000): search ranks a common term from the index
 * of the newest rows when that holds a whole window of its matches, a rarer one from the full
 * index; either way the hits are the kind's newest matches, as if only the full index existed.
 */
// SQLite's recent FTS5 indexes (migration 1764700000000); PostgreSQL ranks from its GIN indexes.
describeOnSqlite('recent search indexes', () => {
  let server: TestGateway;
  const RECENT_ROWS = 3;
  let migratedRecentIds: number[] = [];
  const WINDOW = 2;
  const store = async (article: ArticleDraft) =>
    (await server.gateway.dataSource.transaction((manager) => new ArticleWriter().create(manager, article))).id;
  const recentIds = async (table: 'article' | 'quote') =>
    // An external-content index lists its content table's rows; its own rows are those with a size.
    (await server.gateway.dataSource.query(`SELECT id FROM ${table}_recent_fts_docsize ORDER BY id`)).map((row: { id: number }) => row.id);
  /** The ids search ranks for `term`, as a set (the two indexes score differently; what is found must not differ). */
  const found = async (term: string, kind = SearchType.ARTICLE) =>
    (await new SqliteFtsIndex(server.gateway.dataSource, WINDOW).search(`"${term}"`, [kind], 10, null)).map((hit) => hit.id).sort();
  /** What ranking the full index alone finds: the newest WINDOW matches. */
  const newestMatches = async (term: string) =>
    (
      await server.gateway.dataSource.query(
        `SELECT rowid AS id FROM article_fts WHERE article_fts MATCH ? ORDER BY rowid DESC LIMIT ${WINDOW}`,
        [`"${term}"`],
      )
    )
      .map((row: { id: number }) => row.id)
      .sort();

  beforeAll(async () => {
    server = await startTestGateway();
    migratedRecentIds = await recentIds('article');
    // A small window for these tests.
    const runner = server.gateway.dataSource.createQueryRunner();
    try {
      for (const table of ['article', 'quote']) {
        await dropRecentSearchTriggers(runner, table);
        await createRecentSearchTriggers(runner, table, RECENT_ROWS);
        await refillRecentSearchIndex(runner, table, RECENT_ROWS);
      }
    } finally {
      await runner.release();
    }
  });
  afterAll(() => server.close());

  it('is filled by the migration with the newest rows (here the seed article)', () => {
    expect(RECENT_SEARCH_ROWS).toBeGreaterThan(1000);
    expect(migratedRecentIds).toEqual([1]);
  });

  it('holds the newest rows as they are stored, updated and deleted, and finds the newest matches from either index', async () => {
    const a = await store(draft('Alpha port opens', ['Gamma rays were measured.']));
    const b = await store(draft('Alpha port closes', ['Nothing else.']));
    const c = await store(draft('Beta harbour', ['Nothing else.']));
    const d = await store(draft('Alpha harbour', ['Nothing else.']));
    const e = await store(draft('Alpha again', ['Gamma again.']));
    expect(await recentIds('article')).toEqual([c, d, e]);
    // "alpha": two of the three newest articles, a whole window: ranked from the recent index.
    expect(await found('alpha')).toEqual(await newestMatches('alpha'));
    expect(await found('alpha')).toEqual([d, e].sort());
    // "gamma": one among the newest, short of a window: ranked from the full index, the older match included.
    expect(await found('gamma')).toEqual([a, e].sort());
    // totalCount counts what search pages, from either index.
    const index = new SqliteFtsIndex(server.gateway.dataSource, WINDOW);
    expect(await index.count('"alpha"', [SearchType.ARTICLE])).toBe(WINDOW);
    expect(await index.count('"gamma"', [SearchType.ARTICLE, SearchType.QUOTE])).toBe(2);

    // An update re-indexes a recent row; one outside the window stays out.
    await server.gateway.dataSource.query(`UPDATE article SET headline = 'Delta harbour' WHERE id = ?`, [d]);
    await server.gateway.dataSource.query(`UPDATE article SET headline = 'Delta port' WHERE id = ?`, [b]);
    expect(await recentIds('article')).toEqual([c, d, e]);
    expect(await found('delta')).toEqual([b, d].sort());
    expect(await found('alpha')).toEqual(await newestMatches('alpha'));

    // A deleted row leaves; the older matches take its place through the full index.
    await server.gateway.dataSource.query('DELETE FROM article WHERE id = ?', [e]);
    expect(await recentIds('article')).toEqual([c, d]);
    expect(await found('alpha')).toEqual([a]);
    expect(await found('gamma')).toEqual([a]);
  });

  it('never leaves a gap: a row reusing a lower id, or renumbered into one, stays out below the lowest indexed row', async () => {
    const ids = [];
    for (const word of ['one', 'two', 'three', 'four', 'five']) ids.push(await store(draft(`Gap ${word}`, ['Nothing else.'])));
    const tableIds = async () =>
      (await server.gateway.dataSource.query('SELECT id FROM article ORDER BY id')).map((row: { id: number }) => row.id);
    /** The recent index holds every article from its lowest id up. */
    const expectNoGap = async () => {
      const recent = await recentIds('article');
      expect(recent.length).toBeGreaterThan(0);
      expect(recent).toEqual((await tableIds()).filter((id: number) => id >= recent[0]));
    };
    await expectNoGap();
    // The two newest go: the window now starts higher than the newest id minus its size.
    await server.gateway.dataSource.query('DELETE FROM article WHERE id IN (?, ?)', [ids[3], ids[4]]);
    await expectNoGap();
    const copy = (id: number, newId: number) =>
      server.gateway.dataSource.query(
        `INSERT INTO article (id, slug, headline, section, published_at, updated_at, created_at, standfirst, body, summary)
         SELECT ?, slug || '-copy', headline, section, published_at, updated_at, created_at, standfirst, body, summary FROM article WHERE id = ?`,
        [newId, id],
      );
    await copy(ids[0], ids[3]);
    await expectNoGap();
    await server.gateway.dataSource.query('UPDATE article SET id = ? WHERE id = ?', [ids[4], ids[1]]);
    await expectNoGap();
    // An edit of a column the index does not hold leaves it as it was; one it holds is searchable at once.
    await server.gateway.dataSource.query(`UPDATE article SET section = 'Science' WHERE id = ?`, [ids[2]]);
    await server.gateway.dataSource.query(`UPDATE article SET headline = 'Gap ninety' WHERE id = ?`, [ids[2]]);
    await expectNoGap();
    expect(await found('ninety')).toEqual([ids[2]]);
  });

  it("ranks with its own rows' statistics after rows came and went, as an index of just those rows would", async () => {
    for (let round = 0; round < 8; round += 1) await store(draft(`Stats ${round}`, [round % 2 ? 'A kestrel was seen.' : 'Nothing seen.']));
    const ids = await recentIds('article');
    const db = server.gateway.dataSource;
    await db.query(`CREATE VIRTUAL TABLE temp.fresh USING fts5(headline, standfirst, body, tokenize='unicode61 remove_diacritics 2')`);
    await db.query(
      `INSERT INTO temp.fresh (rowid, headline, standfirst, body) SELECT id, headline, standfirst, body FROM article WHERE id IN (${ids.join(', ')})`,
    );
    const scores = (table: string) =>
      db.query(`SELECT rowid AS id, bm25(${table}, 10.0, 4.0, 1.0) AS score FROM ${table} WHERE ${table} MATCH 'kestrel' ORDER BY rowid`);
    const recent = await scores('article_recent_fts');
    expect(recent.length).toBeGreaterThan(0);
    expect(recent).toEqual(await scores('fresh'));
    await db.query('DROP TABLE temp.fresh');
  });

  it('has every trigger of both indexes on both tables', async () => {
    const triggers = await server.gateway.dataSource.query(
      `SELECT tbl_name AS "table", name FROM sqlite_master WHERE type = 'trigger' AND tbl_name IN ('article', 'quote') ORDER BY tbl_name, name`,
    );
    const expected = (table: string) =>
      [
        ...['delete', 'insert', 'update'].map((suffix) => `${table}_fts_${suffix}`),
        ...['delete', 'insert', 'update'].map((suffix) => `${table}_recent_fts_${suffix}`),
      ].map((name) => ({ table, name }));
    expect(triggers).toEqual([...expected('article'), ...expected('quote')]);
  });

  it('keeps the newest quotes the same way', async () => {
    const before = await recentIds('quote');
    const id = await store(
      draft('Quoted', ['"Lanterns for everyone," said Mira Holt.'], {
        people: [{ name: 'Mira Holt' }],
        quotes: [{ text: 'Lanterns for everyone', attribution: 'said Mira Holt', speaker: 'Mira Holt', paragraphIndex: 0 }],
      }),
    );
    expect(id).toBeGreaterThan(0);
    const after = await recentIds('quote');
    expect(after.length).toBeGreaterThan(0);
    expect(after.length).toBeLessThanOrEqual(RECENT_ROWS);
    expect(after).not.toEqual(before);
    expect(await found('lanterns', SearchType.QUOTE)).toEqual([after[after.length - 1]]);
  });
});
