import { itOnSqlite, operation, startTestGateway, type TestGateway } from '../support/test-gateway';

const SEED_SLUG = 'russia-invites-ukraine-president-zelensky-for-peace-talks';

type BySlug = { slug: string };

interface SeedListData {
  articles: {
    totalCount: number;
    edges: {
      node: {
        slug: string;
        headline: string;
        section: string;
        publishedAt: string;
        image: { credit: string | null; url: string | null; caption: string | null } | null;
        sourceUrl: string | null;
      };
    }[];
  };
}
const SEED_LIST = operation<SeedListData>(`{
  articles { totalCount edges { node { slug headline section publishedAt image { credit url caption } sourceUrl } } }
}`);

interface BodyData {
  article: { paragraphs: string[]; body: string; standfirst: string | null; wordCount: number; readingTimeMinutes: number } | null;
}
const BODY = operation<BodyData, BySlug>(`query($slug: String!) {
  article(slug: $slug) { paragraphs body standfirst wordCount readingTimeMinutes }
}`);

interface PeopleData {
  article: {
    people: { name: string; slug: string; description: string | null }[];
    quoted: { name: string }[];
    mentioned: { name: string }[];
  } | null;
}
const PEOPLE = operation<PeopleData, BySlug>(`query($slug: String!) {
  article(slug: $slug) {
    people { name slug description }
    quoted: people(role: QUOTED) { name }
    mentioned: people(role: MENTIONED) { name }
  }
}`);

interface QuotesData {
  article: {
    quotes: { text: string; attribution: string; paragraphIndex: number; speaker: { name: string } | null; article: { slug: string } }[];
  } | null;
}
const QUOTES = operation<QuotesData, BySlug>(`query($slug: String!) {
  article(slug: $slug) { quotes { text attribution paragraphIndex speaker { name } article { slug } } }
}`);

interface RatingData {
  article: { rating: { votes: number; average: number | null; histogram: number[]; viewerStars: number | null } } | null;
}
const RATING = operation<RatingData, BySlug>(`query($slug: String!) {
  article(slug: $slug) { rating { votes average histogram viewerStars } }
}`);

const COUNT = operation<{ articles: { totalCount: number } }>('{ articles { totalCount } }');
const COUNT_AND_CURSORS = operation<{ articles: { totalCount: number; edges: { cursor: string }[] } }>(
  '{ articles { totalCount edges { cursor } } }',
);

describe('the seed article on a new database', () => {
  let server: TestGateway;
  beforeAll(async () => {
    server = await startTestGateway();
  });
  afterAll(() => server.close());

  it('serves the headline, section, date, slug and image credit', async () => {
    const { articles } = await server.executeData(SEED_LIST);
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
    const article = (await server.executeData(BODY, { slug: SEED_SLUG })).article!;
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
    const article = (await server.executeData(PEOPLE, { slug: SEED_SLUG })).article!;
    expect(article.people.map((person) => [person.name, person.description])).toEqual([
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
    expect(article.quoted.map((person) => person.name)).toEqual(['Donald Trump', 'Ramzan Kadyrov']);
    expect(article.mentioned).toHaveLength(6);
  });

  it('attributes four quotes, the first to an unnamed source', async () => {
    const article = (await server.executeData(QUOTES, { slug: SEED_SLUG })).article!;
    expect(article.quotes.map((quote) => [quote.text, quote.speaker?.name ?? null, quote.paragraphIndex])).toEqual([
      ['very close', null, 0],
      ['very good things', 'Donald Trump', 1],
      ['I think the war should reach its conclusion', 'Ramzan Kadyrov', 5],
      ['I oppose any negotiations', 'Ramzan Kadyrov', 5],
    ]);
    expect(article.quotes[0].attribution).toMatch(/US official, who wished to remain unnamed/);
    expect(article.quotes[1].attribution).toBe('Donald Trump mentioned');
    expect(article.quotes[2].attribution).toBe('Kadyrov stated');
    expect(article.quotes.every((quote) => quote.article.slug === SEED_SLUG)).toBe(true);
  });

  it('starts with no votes', async () => {
    const article = (await server.executeData(RATING, { slug: SEED_SLUG })).article!;
    expect(article.rating).toEqual({ votes: 0, average: null, histogram: [0, 0, 0, 0, 0], viewerStars: null });
  });

  // SQLite's pragmas (src/db/pragmas.ts); a PostgreSQL server has its own configuration.
  itOnSqlite('keeps the database file in WAL mode with foreign keys enforced', async () => {
    const [{ journal_mode: journalMode }] = await server.gateway.dataSource.query('PRAGMA journal_mode');
    const [{ foreign_keys: foreignKeys }] = await server.gateway.dataSource.query('PRAGMA foreign_keys');
    expect(journalMode).toBe('wal');
    expect(foreignKeys).toBe(1);
  });

  it('is loaded once: a restart on the same database does not add it again', async () => {
    // A second gateway on the same file: its own folder is empty and removed on close.
    const second = await startTestGateway({ database: server.database });
    try {
      const { articles } = await second.executeData(COUNT);
      expect(articles.totalCount).toBe(1);
    } finally {
      await second.close();
    }
  });

  it('is not loaded when NEWSGATE_SEED is off', async () => {
    const empty = await startTestGateway({ seed: false });
    try {
      const { articles } = await empty.executeData(COUNT_AND_CURSORS);
      expect(articles).toEqual({ totalCount: 0, edges: [] });
    } finally {
      await empty.close();
    }
  });
});
