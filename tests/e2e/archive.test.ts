import { ArticleWriter } from '../../src/modules/import/article-writer.service';
import { loadArchive } from '../support/archive';
import { errorCode, operation, startTestGateway, type TestGateway } from '../support/test-gateway';

interface PageInfo {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  startCursor: string | null;
  endCursor: string | null;
}
interface PageData {
  articles: { totalCount: number; edges: { cursor: string; node: { id: string; publishedAt: string } }[]; pageInfo: PageInfo };
}
const PAGE = operation<PageData, { first?: number | null; after?: string | null }>(`query($first: Int, $after: String) {
  articles(first: $first, after: $after) {
    totalCount
    edges { cursor node { id publishedAt } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}`);

const KADYROV_QUOTE_CURSOR = operation<{ person: { quotes: { edges: { cursor: string }[] } } | null }>(
  '{ person(slug: "ramzan-kadyrov") { quotes(first: 1) { edges { cursor } } } }',
);

interface RelationsData {
  articles: {
    edges: { node: { id: string; people: { slug: string }[]; quotes: { id: string; speaker: { slug: string } | null }[] } }[];
  };
}
const RELATIONS = operation<RelationsData>(
  '{ articles(first: 100) { edges { node { id people { slug } quotes { id speaker { slug } } } } } }',
);

interface PersonPageData {
  person: {
    articles: {
      totalCount: number;
      edges: { node: { id: string; publishedAt: string } }[];
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
    };
    quotes: { totalCount: number; edges: { node: { id: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
  } | null;
}
type PersonPageVariables = { slug: string; after: string | null; afterQuote: string | null };
const PERSON_PAGE = operation<PersonPageData, PersonPageVariables>(`query($slug: String!, $after: String, $afterQuote: String) {
  person(slug: $slug) {
    articles(first: 3, after: $after) { totalCount edges { node { id publishedAt } } pageInfo { hasNextPage endCursor } }
    quotes(first: 2, after: $afterQuote) { totalCount edges { node { id } } pageInfo { hasNextPage endCursor } }
  }
}`);

interface PageWithRelationsData {
  articles: {
    edges: {
      node: {
        headline: string;
        people: { name: string }[];
        quotes: { text: string; speaker: { name: string } | null }[];
        rating: { votes: number; average: number | null };
      };
    }[];
  };
}
const PAGE_WITH_RELATIONS = operation<PageWithRelationsData, { first: number }>(`query($first: Int) {
  articles(first: $first) {
    edges { node { headline people { name } quotes { text speaker { name } } rating { votes average } } }
  }
}`);

/** Pagination, relations and SQL statement counts on a generated archive of 80 articles plus the seed. */
describe('an archive of articles', () => {
  const ARCHIVE_SIZE = 80;
  let server: TestGateway;

  beforeAll(async () => {
    server = await startTestGateway();
    await loadArchive(server.gateway.dataSource, { articles: ARCHIVE_SIZE, seed: 11 });
  });
  afterAll(() => server.close());

  async function walk(first: number, between?: (page: number) => Promise<void>) {
    const seen: { id: string; publishedAt: string }[] = [];
    let after: string | null = null;
    for (let page = 0; page < 1000; page += 1) {
      const { articles }: PageData = await server.executeData(PAGE, { first, after });
      expect(articles.pageInfo.hasPreviousPage).toBe(after !== null);
      expect(articles.pageInfo.startCursor).toBe(articles.edges[0]?.cursor ?? null);
      seen.push(...articles.edges.map((edge) => edge.node));
      if (!articles.pageInfo.hasNextPage) break;
      after = articles.pageInfo.endCursor;
      await between?.(page);
    }
    return seen;
  }

  const newestFirst = (a: { publishedAt: string; id: string }, b: { publishedAt: string; id: string }) =>
    b.publishedAt.localeCompare(a.publishedAt);

  it('pages through every article exactly once, newest first', async () => {
    const seen = await walk(7);
    expect(seen).toHaveLength(ARCHIVE_SIZE + 1);
    expect(new Set(seen.map((article) => article.id)).size).toBe(ARCHIVE_SIZE + 1);
    expect([...seen].sort(newestFirst)).toEqual(seen);
  });

  it('counts the whole list in totalCount whatever the page size', async () => {
    for (const first of [0, 1, 100]) {
      const { articles } = await server.executeData(PAGE, { first });
      expect(articles.totalCount).toBe(ARCHIVE_SIZE + 1);
      expect(articles.edges.length).toBeGreaterThanOrEqual(Math.min(first, ARCHIVE_SIZE));
    }
  });

  it('keeps pages stable when articles are published between requests', async () => {
    const before = await walk(10);
    const writer = new ArticleWriter();
    const inserted: string[] = [];
    const during = await walk(10, async (page) => {
      // A newer article lands at the top while the client is paging.
      await server.gateway.dataSource.transaction(async (manager) => {
        const article = await writer.create(manager, {
          headline: `Breaking ${page}`,
          section: 'World',
          publishedAt: new Date(Date.UTC(2027, 0, 1, 0, page)),
          paragraphs: ['Fresh copy.'],
          people: [{ name: 'Breaking Reporter' }],
          quotes: [{ text: 'Just in', speaker: 'Breaking Reporter', attribution: 'the reporter said', paragraphIndex: 0 }],
        });
        inserted.push(article.slug);
      });
    });
    expect(inserted.length).toBeGreaterThan(3);
    expect(during.map((article) => article.id)).toEqual(before.map((article) => article.id));
  });

  it('answers BAD_USER_INPUT for first above 100 or below 0, and for a foreign or broken cursor', async () => {
    expect(errorCode(await server.execute(PAGE, { first: 101 }))).toBe('BAD_USER_INPUT');
    expect(errorCode(await server.execute(PAGE, { first: -1 }))).toBe('BAD_USER_INPUT');
    expect(errorCode(await server.execute(PAGE, { after: 'not a cursor' }))).toBe('BAD_USER_INPUT');
    const person = (await server.executeData(KADYROV_QUOTE_CURSOR)).person!;
    const quoteCursor = person.quotes.edges[0].cursor;
    expect(errorCode(await server.execute(PAGE, { after: quoteCursor }))).toBe('BAD_USER_INPUT');
  });

  it("pages through a person's articles and quotes", async () => {
    const { articles } = await server.executeData(RELATIONS);
    // The person named in the most articles.
    const mentions = new Map<string, string[]>();
    const quotes = new Map<string, string[]>();
    for (const { node } of articles.edges) {
      for (const person of node.people) mentions.set(person.slug, [...(mentions.get(person.slug) ?? []), node.id]);
      for (const quote of node.quotes)
        if (quote.speaker) quotes.set(quote.speaker.slug, [...(quotes.get(quote.speaker.slug) ?? []), quote.id]);
    }
    const [slug, articleIds] = [...mentions.entries()].sort((a, b) => b[1].length - a[1].length)[0];
    expect(articleIds.length).toBeGreaterThan(5);

    const seenArticles: { id: string; publishedAt: string }[] = [];
    const seenQuotes: string[] = [];
    let after: string | null = null;
    let afterQuote: string | null = null;
    let moreArticles = true;
    let moreQuotes = true;
    while (moreArticles || moreQuotes) {
      const person: NonNullable<PersonPageData['person']> = (await server.executeData(PERSON_PAGE, { slug, after, afterQuote })).person!;
      expect(person.articles.totalCount).toBe(articleIds.length);
      expect(person.quotes.totalCount).toBe(quotes.get(slug)?.length ?? 0);
      if (moreArticles) {
        seenArticles.push(...person.articles.edges.map((edge) => edge.node));
        moreArticles = person.articles.pageInfo.hasNextPage;
        after = person.articles.pageInfo.endCursor;
      }
      if (moreQuotes) {
        seenQuotes.push(...person.quotes.edges.map((edge) => edge.node.id));
        moreQuotes = person.quotes.pageInfo.hasNextPage;
        afterQuote = person.quotes.pageInfo.endCursor;
      }
    }
    expect(seenArticles.map((article) => article.id).sort()).toEqual([...articleIds].sort());
    expect([...seenArticles].sort(newestFirst)).toEqual(seenArticles);
    expect([...seenQuotes].sort()).toEqual([...(quotes.get(slug) ?? [])].sort());
  });

  it('costs the same number of SQL statements for a page of 5 articles as for 50', async () => {
    const statementsFor = async (first: number) => {
      server.gateway.queryCounter.reset();
      const { articles } = await server.executeData(PAGE_WITH_RELATIONS, { first });
      expect(articles.edges).toHaveLength(first);
      return server.gateway.queryCounter.statements;
    };
    const forFive = await statementsFor(5);
    const forFifty = await statementsFor(50);
    expect(forFifty).toBe(forFive);
    // One page query, then one batch each for people, quotes, speakers and ratings.
    expect(forFive).toBe(5);
  });

  it("sends the same statements for issue #10's front page of 20 and of 100 (page, people, ratings), over HTTP too", async () => {
    const FRONT = `query($first: Int) { articles(first: $first) { edges { node { id slug headline section publishedAt standfirst
      image { url credit } people { name } rating { votes average } } } } }`;
    const statementsFor = async (first: number) => {
      server.gateway.queryCounter.reset();
      const { articles } = await server.data(FRONT, { first });
      expect(articles.edges.length).toBeGreaterThanOrEqual(Math.min(first, ARCHIVE_SIZE));
      return server.gateway.queryCounter.statements;
    };
    const twenty = await statementsFor(20);
    expect(await statementsFor(100)).toBe(twenty);
    expect(twenty).toBe(3);
  });

  it('reads an article page (people, quotes and speakers, rating, related articles) in one statement per relation', async () => {
    const { articles } = await server.data('{ articles(first: 1) { edges { node { slug } } } }');
    server.gateway.queryCounter.reset();
    const { article } = await server.data(
      `query($slug: String!) { article(slug: $slug) { id headline body image { url } people { id name description }
        quotes { text attribution speaker { name } } rating { votes average histogram } relatedArticles(first: 5) { slug headline } } }`,
      { slug: articles.edges[0].node.slug },
    );
    expect(article.people.length).toBeGreaterThan(0);
    // The article, its people, its quotes, their speakers, its rating, its related articles.
    expect(server.gateway.queryCounter.statements).toBe(6);
  });
});
