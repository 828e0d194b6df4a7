import { startTestGateway, type TestGateway } from '../support/test-gateway';

const SEED_SLUG = 'russia-invites-ukraine-president-zelensky-for-peace-talks';

describe('the seed article on a new database', () => {
  let server: TestGateway;
  beforeAll(async () => {
    server = await startTestGateway();
  });
  afterAll(() => server.close());

  it('serves the headline, section, date, slug and image credit', async () => {
    const { articles } = await server.data(`{
      articles { totalCount edges { node { slug headline section publishedAt image { credit url caption } sourceUrl } } }
    }`);
    expect(articles.totalCount).toBe(1);
    expect(articles.edges[0].node).toEqual({
      slug: SEED_SLUG,
      headline: 'Russia Invites Ukraine President Zelensky for Peace Talks',
      section: 'Top Stories',
      publishedAt: '2026-01-30T07:10:00.000Z',
      image: { credit: 'Tribuneonlineng.com', url: null, caption: null },
      sourceUrl: null,
    });
  });

  it('has six body paragraphs and none of the page furniture', async () => {
    const { article } = await server.data(
      `query($slug: String!) {
      article(slug: $slug) { paragraphs body standfirst wordCount readingTimeMinutes }
    }`,
      { slug: SEED_SLUG },
    );
    expect(article.paragraphs).toHaveLength(6);
    expect(article.paragraphs[0]).toMatch(/^On Thursday, the Kremlin announced/);
    expect(article.paragraphs[5]).toMatch(/^"I think the war should reach its conclusion," Kadyrov stated/);
    expect(article.body).toBe(article.paragraphs.join('\n\n'));
    expect(article.standfirst).toBe(article.paragraphs[0]);
    for (const furniture of ['Newsletter', 'Rate This Article', 'votes)', 'Image source']) {
      expect(article.body).not.toContain(furniture);
    }
    const words = article.body.split(/\s+/).filter(Boolean).length;
    expect(article.wordCount).toBeGreaterThan(words * 0.95);
    expect(article.wordCount).toBeLessThanOrEqual(words * 1.05);
    expect(article.readingTimeMinutes).toBe(Math.ceil(article.wordCount / 230));
  });

  it('names eight people in order of first appearance, with the roles the copy gives', async () => {
    const { article } = await server.data(
      `query($slug: String!) {
      article(slug: $slug) {
        people { name slug description }
        quoted: people(role: QUOTED) { name }
        mentioned: people(role: MENTIONED) { name }
      }
    }`,
      { slug: SEED_SLUG },
    );
    expect(article.people.map((person: { name: string; description: string }) => [person.name, person.description])).toEqual([
      ['Volodymyr Zelensky', 'Ukrainian President'],
      ['Vladimir Putin', 'Russian President'],
      ['Donald Trump', 'US President'],
      ['Dmitry Peskov', 'Kremlin spokesperson'],
      ['Yuri Ushakov', 'foreign policy adviser from the Kremlin'],
      ['Marco Rubio', 'US Secretary of State'],
      ['Sergei Lavrov', 'Russian Foreign Minister'],
      ['Ramzan Kadyrov', 'leader of Chechnya'],
    ]);
    expect(article.people[7].slug).toBe('ramzan-kadyrov');
    expect(article.quoted.map((person: { name: string }) => person.name)).toEqual(['Donald Trump', 'Ramzan Kadyrov']);
    expect(article.mentioned).toHaveLength(6);
  });

  it('attributes four quotes, the first to an unnamed source', async () => {
    const { article } = await server.data(
      `query($slug: String!) {
      article(slug: $slug) { quotes { text attribution paragraphIndex speaker { name } article { slug } } }
    }`,
      { slug: SEED_SLUG },
    );
    expect(article.quotes.map((quote: any) => [quote.text, quote.speaker?.name ?? null, quote.paragraphIndex])).toEqual([
      ['very close', null, 0],
      ['very good things', 'Donald Trump', 1],
      ['I think the war should reach its conclusion', 'Ramzan Kadyrov', 5],
      ['I oppose any negotiations', 'Ramzan Kadyrov', 5],
    ]);
    expect(article.quotes[0].attribution).toMatch(/US official, who wished to remain unnamed/);
    expect(article.quotes[1].attribution).toBe('Donald Trump mentioned');
    expect(article.quotes[2].attribution).toBe('Kadyrov stated');
    expect(article.quotes.every((quote: any) => quote.article.slug === SEED_SLUG)).toBe(true);
  });

  it('starts with no votes', async () => {
    const { article } = await server.data(
      `query($slug: String!) {
      article(slug: $slug) { rating { votes average histogram viewerStars } }
    }`,
      { slug: SEED_SLUG },
    );
    expect(article.rating).toEqual({ votes: 0, average: null, histogram: [0, 0, 0, 0, 0], viewerStars: null });
  });

  it('keeps the database file in WAL mode with foreign keys enforced', async () => {
    const [{ journal_mode: journalMode }] = await server.gateway.dataSource.query('PRAGMA journal_mode');
    const [{ foreign_keys: foreignKeys }] = await server.gateway.dataSource.query('PRAGMA foreign_keys');
    expect(journalMode).toBe('wal');
    expect(foreignKeys).toBe(1);
  });

  it('is loaded once: a restart on the same database does not add it again', async () => {
    // A second gateway on the same file: its own folder is empty and removed on close.
    const second = await startTestGateway({ database: { type: 'sqlite', database: server.databaseFile } });
    try {
      const { articles } = await second.data('{ articles { totalCount } }');
      expect(articles.totalCount).toBe(1);
    } finally {
      await second.close();
    }
  });

  it('is not loaded when NEWSGATE_SEED is off', async () => {
    const empty = await startTestGateway({ seed: false });
    try {
      const { articles } = await empty.data('{ articles { totalCount edges { cursor } } }');
      expect(articles).toEqual({ totalCount: 0, edges: [] });
    } finally {
      await empty.close();
    }
  });
});
