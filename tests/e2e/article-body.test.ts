import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DataSource } from 'typeorm';
import { migrations } from '../../migrations';
import { createDataSource } from '../../src/db/data-source';
import { firstParagraph } from '../../src/modules/article/article-text';
import { entities } from '../../src/modules/entities';
import { ArticleWriter } from '../../src/modules/import/article-writer.service';
import { loadArchive } from '../support/archive';
import { startTestGateway, type TestGateway } from '../support/test-gateway';

interface BodyFields {
  slug: string;
  standfirst: string | null;
  body: string;
  paragraphs: string[];
  wordCount: number;
  readingTimeMinutes: number;
}
const BODY_FIELDS = 'slug standfirst body paragraphs wordCount readingTimeMinutes';

describe('article bodies: stored summaries, bodies read only where asked for', () => {
  let server: TestGateway;

  beforeAll(async () => {
    server = await startTestGateway();
    await loadArchive(server.gateway.dataSource, { articles: 60, seed: 3 });
  }, 60_000);
  afterAll(() => server.close());

  it('stores the first paragraph as the standfirst of copy without one, and keeps a given one', async () => {
    const store = (standfirst: string | null) =>
      server.gateway.dataSource.transaction((manager) =>
        new ArticleWriter().create(manager, {
          headline: `Harbour reopens ${standfirst ?? 'plain'}`,
          section: 'World',
          publishedAt: new Date('2026-03-01T00:00:00Z'),
          standfirst,
          paragraphs: ['  The port reopened on Monday.  ', 'Ships queued overnight.'],
          people: [],
          quotes: [],
        }),
      );
    const derived = await store(null);
    const given = await store('What the reopening means.');
    const read = async (slug: string) =>
      (await server.data<{ article: BodyFields }>(`query($slug: String!) { article(slug: $slug) { ${BODY_FIELDS} } }`, { slug })).article;
    expect(await read(derived.slug)).toEqual({
      slug: derived.slug,
      standfirst: 'The port reopened on Monday.',
      body: 'The port reopened on Monday.\n\nShips queued overnight.',
      paragraphs: ['The port reopened on Monday.', 'Ships queued overnight.'],
      wordCount: 8,
      readingTimeMinutes: 1,
    });
    expect((await read(given.slug)).standfirst).toBe('What the reopening means.');
  });

  it('returns a re-imported article with the body it just stored, so its payload never reads the body again', async () => {
    const draft = (paragraph: string) => ({
      headline: 'Tide tables revised',
      section: 'World',
      publishedAt: new Date('2026-04-01T00:00:00Z'),
      sourceUrl: 'https://example.com/tide-tables',
      paragraphs: [paragraph],
      people: [],
      quotes: [],
    });
    const writer = new ArticleWriter();
    const first = await server.gateway.dataSource.transaction((manager) => writer.upsert(manager, draft('First version.')));
    const second = await server.gateway.dataSource.transaction((manager) => writer.upsert(manager, draft('Second version.')));
    expect(second.created).toBe(false);
    expect(second.article.id).toBe(first.article.id);
    expect(second.article.body).toBe('Second version.');
    expect(second.article.summary).toBe('Second version.');
  });

  it('reads a list without bodies, and its bodies in one more statement whatever the page size, as the article page shows them', async () => {
    const statementsFor = async (fields: string, first: number) => {
      server.gateway.queryCounter.reset();
      const { articles } = await server.data<{ articles: { edges: { node: BodyFields }[] } }>(
        `query($first: Int) { articles(first: $first) { edges { node { ${fields} } } } }`,
        { first },
      );
      expect(articles.edges).toHaveLength(first);
      return { statements: server.gateway.queryCounter.statements, nodes: articles.edges.map((edge) => edge.node) };
    };
    expect((await statementsFor('slug standfirst', 5)).statements).toBe(1);
    const five = await statementsFor(BODY_FIELDS, 5);
    const fifty = await statementsFor(BODY_FIELDS, 50);
    expect([five.statements, fifty.statements]).toEqual([2, 2]);
    // The archive's copy has no standfirsts (the first test stored one that had): summaries are first paragraphs.
    const archive = fifty.nodes.filter((node) => !node.slug.startsWith('harbour-reopens'));
    expect(archive.length).toBeGreaterThan(40);
    expect(archive.map((node) => node.standfirst)).toEqual(archive.map((node) => firstParagraph(node.body)));
    for (const node of fifty.nodes.slice(0, 10)) {
      const { article } = await server.data<{ article: BodyFields }>(`query($slug: String!) { article(slug: $slug) { ${BODY_FIELDS} } }`, {
        slug: node.slug,
      });
      expect(node).toEqual(article);
      expect(node.body.length).toBeGreaterThan(0);
    }
  });
});

describe('the article-summary migration', () => {
  it('stores every article summary across backfill batches, leaves the searched standfirst as it was', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsgate-summary-'));
    const file = path.join(dir, 'old.sqlite');
    try {
      const before = new DataSource({
        type: 'sqlite',
        database: file,
        migrations: migrations.slice(
          0,
          migrations.findIndex((migration) => migration.name === 'ArticleSummary1764600000000'),
        ),
      });
      await before.initialize();
      await before.runMigrations();
      const now = '2026-01-01 00:00:00.000';
      const insert = `INSERT INTO article (id, slug, headline, section, published_at, updated_at, created_at, standfirst, body)
        VALUES (?, ?, 'A', 'World', ?, ?, ?, ?, ?)`;
      // More than one backfill batch (500), one copy with its own standfirst, one body of blanks.
      await before.transaction(async (manager) => {
        for (let id = 1; id <= 1_203; id += 1) {
          const standfirst = id === 2 ? 'Given summary.' : null;
          const body = id === 3 ? '   \n\n  ' : `Lighthouse ${id} keepers return.\n\nThe second paragraph.`;
          await manager.query(insert, [id, `a-${id}`, now, now, now, standfirst, body]);
        }
      });
      await before.destroy();

      const after = createDataSource({ type: 'sqlite', database: file }, entities);
      await after.initialize();
      try {
        await after.runMigrations();
        expect(await after.query('SELECT id, standfirst, summary FROM article WHERE id IN (1, 2, 3, 1203) ORDER BY id')).toEqual([
          { id: 1, standfirst: null, summary: 'Lighthouse 1 keepers return.' },
          { id: 2, standfirst: 'Given summary.', summary: 'Given summary.' },
          { id: 3, standfirst: null, summary: null },
          { id: 1203, standfirst: null, summary: 'Lighthouse 1203 keepers return.' },
        ]);
        expect(await after.query('SELECT COUNT(*) AS n FROM article WHERE summary IS NULL')).toEqual([{ n: 1 }]);
        // The search index is as it was, and its triggers are back.
        expect(await after.query(`SELECT COUNT(*) AS n FROM article_fts WHERE article_fts MATCH 'standfirst:lighthouse'`)).toEqual([
          { n: 0 },
        ]);
        await after.query(`UPDATE article SET body = 'Breakwater.' WHERE id = 1`);
        expect(await after.query(`SELECT rowid AS id FROM article_fts WHERE article_fts MATCH 'breakwater'`)).toEqual([{ id: 1 }]);
      } finally {
        await after.destroy();
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
