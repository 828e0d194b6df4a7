import { loadConfig } from '../../src/config';
import { ArticleWriter } from '../../src/modules/import/article-writer.service';
import { Person } from '../../src/modules/person/person.entity';
import { encodeGlobalId } from '../../src/shared/global-id';
import { loadArchive } from '../support/archive';
import { errorCode, type NoVariables, operation, startTestGateway, type TestGateway } from '../support/test-gateway';

interface Paging {
  first?: number;
  after?: string;
  last?: number;
  before?: string;
}

/** A connection page as PAGE_FIELDS asks for it. */
interface Page {
  totalCount: number;
  edges: { cursor: string; node: { id: string } }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
}
const PAGE_FIELDS = 'totalCount edges { cursor node { id } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor }';
const PAGING = '$first: Int, $after: String, $last: Int, $before: String';
const PAGING_ARGS = 'first: $first, after: $after, last: $last, before: $before';

const ALL_PEOPLE = operation<{ people: { totalCount: number; edges: { node: { id: string; slug: string } }[] } }>(
  '{ people(first: 50, orderBy: NAME_ASC) { totalCount edges { node { id slug } } } }',
);

const PERSON_ARTICLES = operation<{ person: { articles: Page } | null }, { slug: string } & Paging>(
  `query($slug: String!, ${PAGING}) { person(slug: $slug) { articles(${PAGING_ARGS}) { ${PAGE_FIELDS} } } }`,
);
const ARTICLES_OF = operation<{ articles: Page }, { id: string } & Paging>(
  `query($id: ID!, ${PAGING}) { articles(filter: { personId: $id }, ${PAGING_ARGS}) { ${PAGE_FIELDS} } }`,
);
const ARTICLES_OF_AFTER = operation<{ articles: Page }, { id: string; after: string | null }>(
  `query($id: ID!, $after: String) { articles(filter: { personId: $id }, after: $after) { ${PAGE_FIELDS} } }`,
);
const PERSON_QUOTES = operation<{ person: { quotes: Page } | null }, { slug: string } & Paging>(
  `query($slug: String!, ${PAGING}) { person(slug: $slug) { quotes(${PAGING_ARGS}) { ${PAGE_FIELDS} } } }`,
);
const QUOTES_OF = operation<{ quotes: Page }, { id: string } & Paging>(
  `query($id: ID!, ${PAGING}) { quotes(filter: { speakerId: $id }, ${PAGING_ARGS}) { ${PAGE_FIELDS} } }`,
);
const TOP_PERSON = operation<{ people: { edges: { node: { id: string } }[] } }>('{ people(first: 1) { edges { node { id } } } }');
const PERSON_QUOTES_ABOUT = operation<{ person: { quotesAbout: Page } | null }, { slug: string; about: string } & Paging>(
  `query($slug: String!, $about: ID!, ${PAGING}) { person(slug: $slug) { quotesAbout(personId: $about, ${PAGING_ARGS}) { ${PAGE_FIELDS} } } }`,
);
interface QuotesWithPeopleData {
  quotes: { totalCount: number; edges: { cursor: string; node: { id: string; article: { people: { id: string }[] } } }[] };
}
const QUOTES_WITH_PEOPLE = operation<QuotesWithPeopleData, { id: string }>(
  `query($id: ID!) { quotes(filter: { speakerId: $id }, first: 100) { totalCount edges { cursor node { id article { people { id } } } } } }`,
);

type CoMentioned = { count: number; person: { id: string; name: string } }[];
const PEOPLE_CO_MENTIONED = operation<
  { people: { edges: { node: { id: string; slug: string; coMentioned: CoMentioned } }[] } },
  { first: number }
>(
  `query($first: Int!) { people(first: 50, orderBy: NAME_ASC) { edges { node { id slug coMentioned(first: $first) { count person { id name } } } } } }`,
);
const PERSON_CO_MENTIONED = operation<{ person: { coMentioned: CoMentioned } | null }, { id: string; first: number }>(
  `query($id: ID!, $first: Int!) { person(id: $id) { coMentioned(first: $first) { count person { id name } } } }`,
);

type Related = { id: string; headline: string }[];
const ARTICLES_RELATED = operation<
  { articles: { totalCount: number; edges: { node: { id: string; relatedArticles: Related } }[] } },
  { first: number }
>(`query($first: Int!) { articles(first: 100) { totalCount edges { node { id relatedArticles(first: $first) { id headline } } } } }`);
const ARTICLE_RELATED = operation<{ article: { relatedArticles: Related } | null }, { id: string; first: number }>(
  `query($id: ID!, $first: Int!) { article(id: $id) { relatedArticles(first: $first) { id headline } } }`,
);

/**
 * Lists under a list (a person's articles, quotes and quotesAbout; coMentioned; relatedArticles)
 * load through per-request DataLoaders: every parent at one level costs one statement, and the
 * pages are exactly what the same list gives one parent at a time.
 */
describe('nested lists, batched', () => {
  let server: TestGateway;
  const gid = (type: 'Article' | 'Person' | 'Quote', id: number) => encodeGlobalId(type, id);
  /** Every person (by NAME_ASC): roster people in many articles, plus one in none, one in one, one in two. */
  let people: { id: string; slug: string }[];

  beforeAll(async () => {
    // Whole-archive comparisons (50 people × 30 rows) are over the default cost budget; this suite tests batching, not limits.
    server = await startTestGateway({ limits: { ...loadConfig({ NODE_ENV: 'test' }).limits, maxCost: 200_000 } });
    const db = server.gateway.dataSource;
    await loadArchive(db, { articles: 80, seed: 11 });
    const writer = new ArticleWriter();
    const story = (headline: string, minute: number, names: string[]) => ({
      headline,
      section: 'World',
      publishedAt: new Date(Date.UTC(2025, 0, 1, 0, minute, 30)),
      paragraphs: [`${names.join(' and ')} spoke.`, 'Second paragraph.'],
      people: names.map((name) => ({ name })),
      quotes: [{ text: `${headline} quote`, speaker: names[0], attribution: `${names[0]} said`, paragraphIndex: 0 }],
    });
    await db.transaction(async (manager) => {
      // Quinn Solo and Una Duo: one article each, one co-mentioned person each, no related article.
      await writer.create(manager, story('Solo story', 12, ['Quinn Solo', 'Una Duo']));
      // Pat Pair: exactly two articles and two quotes; each of those articles has one related article.
      await writer.create(manager, story('Pair story one', 33, ['Pat Pair']));
      await writer.create(manager, story('Pair story two', 55, ['Pat Pair']));
      // Nora Nobody: named in no article at all.
      await manager
        .getRepository(Person)
        .insert({ slug: 'nora-nobody', name: 'Nora Nobody', normalizedName: 'nora nobody', description: null, createdAt: new Date() });
    });
    const { people: all } = await server.executeData(ALL_PEOPLE);
    // Every person fits in one page: the tests below compare against all of them.
    if (all.totalCount >= 50) throw new Error(`expected fewer than 50 people, got ${all.totalCount}`);
    people = all.edges.map((edge) => edge.node);
  }, 60_000);
  afterAll(() => server.close());

  /** Runs an operation (its data unused) and counts the SQL statements it sent. */
  async function counted(query: string, variables?: { n?: number; about?: string }) {
    server.gateway.queryCounter.reset();
    const data = await server.executeData(query, variables);
    return { data, statements: server.gateway.queryCounter.statements };
  }

  /** A cursor from the middle of a root list, to page every person's list from. */
  async function middleCursor(list: 'articles' | 'quotes', at: number): Promise<string> {
    const data = await server.executeData(
      operation<Record<typeof list, { pageInfo: { endCursor: string | null } }>, NoVariables>(
        `{ ${list}(first: ${at}) { pageInfo { endCursor } } }`,
      ),
    );
    return data[list].pageInfo.endCursor!;
  }

  describe('statement counts (the same for a page of 5 parents and of 50)', () => {
    const aboutId = () => people.find((person) => person.slug === 'pat-pair')!.id;

    async function sameFor5And50(query: string, variables: { about?: string } = {}) {
      const five = await counted(query, { ...variables, n: 5 });
      const fifty = await counted(query, { ...variables, n: 50 });
      expect(fifty.statements).toBe(five.statements);
      return five.statements;
    }

    it('Person.articles under articles -> people: page, people, one batch; totalCount one grouped count more', async () => {
      expect(
        await sameFor5And50(
          'query($n: Int) { articles(first: $n) { edges { node { people { articles(first: 2) { edges { node { id } } } } } } } }',
        ),
      ).toBe(3);
      expect(
        await sameFor5And50(
          `query($n: Int) { articles(first: $n) { edges { node { people { articles(first: 2) { ${PAGE_FIELDS} } } } } } }`,
        ),
      ).toBe(4);
    });

    it('Person.quotes and Person.quotesAbout under a list', async () => {
      expect(
        await sameFor5And50(
          'query($n: Int) { articles(first: $n) { edges { node { people { quotes(first: 2) { edges { node { id text } } } } } } } }',
        ),
      ).toBe(3);
      expect(
        await sameFor5And50(`query($n: Int) { articles(first: $n) { edges { node { people { quotes(first: 2) { ${PAGE_FIELDS} } } } } } }`),
      ).toBe(4);
      const about = { about: aboutId() };
      expect(
        await sameFor5And50(
          'query($n: Int, $about: ID!) { people(first: $n) { edges { node { quotesAbout(personId: $about, first: 2) { edges { node { id } } } } } } }',
          about,
        ),
      ).toBe(2);
      expect(
        await sameFor5And50(
          `query($n: Int, $about: ID!) { people(first: $n) { edges { node { quotesAbout(personId: $about, last: 2) { ${PAGE_FIELDS} } } } } }`,
          about,
        ),
      ).toBe(3);
    });

    it('coMentioned and relatedArticles under a list', async () => {
      expect(
        await sameFor5And50(
          'query($n: Int) { articles(first: $n) { edges { node { people { coMentioned(first: 3) { count person { name } } } } } } }',
        ),
      ).toBe(3);
      expect(
        await sameFor5And50('query($n: Int) { articles(first: $n) { edges { node { relatedArticles(first: 3) { id headline } } } } }'),
      ).toBe(2);
    });

    it('one statement per level, however deep', async () => {
      // The people page; their articles, those articles' count, their related articles and
      // those articles' quotes; the people's quotes and those quotes' articles; the people's
      // co-mentioned people and their quotes (asked with other arguments than the people's own,
      // which the request's loaders would otherwise have cached).
      const deep = `query($n: Int) { people(first: $n) { edges { node {
        articles(first: 2) { totalCount edges { node { relatedArticles(first: 2) { id quotes { id } } } } }
        quotes(first: 1) { edges { node { article { id } } } }
        coMentioned(first: 2) { person { quotes(first: 2) { edges { node { id } } } } }
      } } } }`;
      expect(await sameFor5And50(deep)).toBe(9);
    });

    it('shares a batch between parents asking with the same arguments, and only then', async () => {
      const { statements } = await counted(`{ people(first: 50) { edges { node {
        a: articles(first: 1) { edges { node { id } } }
        b: articles(first: 1) { edges { node { id } } }
        c: articles(first: 2) { edges { node { id } } }
        d: articles(last: 2) { edges { node { id } } }
      } } } }`);
      expect(statements).toBe(4);
    });
  });

  describe('the same pages as one parent at a time', () => {
    /** Each person's page, asked for all people at once (batched); `about` for quotesAbout. */
    async function nested(field: 'articles' | 'quotes' | 'quotesAbout', paging: Paging, about?: string) {
      const document = operation<{ people: { edges: { node: { slug: string; result: Page } }[] } }, Paging & { about?: string }>(
        `query(${PAGING}${about ? ', $about: ID!' : ''}) { people(first: 50, orderBy: NAME_ASC) { edges { node { slug
          result: ${field}(${PAGING_ARGS}${about ? ', personId: $about' : ''}) { ${PAGE_FIELDS} } } } } }`,
      );
      const { people: page } = await server.executeData(document, { ...paging, ...(about ? { about } : {}) });
      return new Map<string, Page>(page.edges.map((edge) => [edge.node.slug, edge.node.result]));
    }

    const pagings = (cursor: string): Paging[] => [
      { first: 2 },
      { first: 2, after: cursor },
      { last: 2 },
      { last: 2, before: cursor },
      { first: 1, before: cursor },
      { first: 0 },
      { last: 0, before: cursor },
      { first: 30 },
    ];

    it('Person.articles: equals person(slug) { articles } and the root articles(filter: { personId }), cursors included', async () => {
      const cursor = await middleCursor('articles', 40);
      const sizes = new Set<number>();
      for (const paging of pagings(cursor)) {
        const batched = await nested('articles', paging);
        for (const person of people) {
          const single = await server.executeData(PERSON_ARTICLES, { slug: person.slug, ...paging });
          const root = await server.executeData(ARTICLES_OF, { id: person.id, ...paging });
          expect({ person: person.slug, paging, page: batched.get(person.slug) }).toEqual({
            person: person.slug,
            paging,
            page: root.articles,
          });
          expect(single.person?.articles).toEqual(root.articles);
          if (paging.first === 2 && !paging.after) sizes.add(Math.min(root.articles.totalCount, 3));
        }
      }
      // People with no article, one, exactly a page (2) and more than a page.
      expect([...sizes].sort()).toEqual([0, 1, 2, 3]);
    });

    it('Person.articles: a cursor from the nested list pages the root list and the other way round', async () => {
      const pat = people.find((person) => person.slug === 'pat-pair')!;
      const first = (await nested('articles', { first: 1 })).get('pat-pair')!;
      const rest = await server.executeData(ARTICLES_OF_AFTER, { id: pat.id, after: first.pageInfo.endCursor });
      expect(rest.articles.edges).toHaveLength(1);
      expect(rest.articles.pageInfo.hasNextPage).toBe(false);
      const back = (await nested('articles', { last: 5, before: rest.articles.pageInfo.endCursor! })).get('pat-pair')!;
      expect(back.edges).toEqual(first.edges);
      expect(back.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    });

    it('Person.quotes: equals person(slug) { quotes } and the root quotes(filter: { speakerId })', async () => {
      const cursor = await middleCursor('quotes', 60);
      const sizes = new Set<number>();
      for (const paging of pagings(cursor)) {
        const batched = await nested('quotes', paging);
        for (const person of people) {
          const single = await server.executeData(PERSON_QUOTES, { slug: person.slug, ...paging });
          const root = await server.executeData(QUOTES_OF, { id: person.id, ...paging });
          expect({ person: person.slug, paging, page: batched.get(person.slug) }).toEqual({
            person: person.slug,
            paging,
            page: root.quotes,
          });
          expect(single.person?.quotes).toEqual(root.quotes);
          if (paging.first === 2 && !paging.after) sizes.add(Math.min(root.quotes.totalCount, 3));
        }
      }
      expect([...sizes].sort()).toEqual([0, 1, 2, 3]);
    });

    it("Person.quotesAbout: equals person(slug) { quotesAbout } and the speaker's quotes in articles naming the person", async () => {
      const cursor = await middleCursor('quotes', 60);
      // The roster person named in the most articles, so that many speakers have quotes about them.
      const { people: top } = await server.executeData(TOP_PERSON);
      const about = top.edges[0].node.id;
      const sizes = new Set<number>();
      for (const paging of pagings(cursor)) {
        const batched = await nested('quotesAbout', paging, about);
        for (const person of people) {
          const single = await server.executeData(PERSON_QUOTES_ABOUT, { slug: person.slug, about, ...paging });
          const expected = await expectedQuotesAbout(person.id, about, paging);
          expect({ person: person.slug, paging, page: batched.get(person.slug) }).toEqual({ person: person.slug, paging, page: expected });
          expect(single.person?.quotesAbout).toEqual(expected);
          if (paging.first === 2 && !paging.after) sizes.add(Math.min(expected.totalCount, 3));
        }
      }
      expect([...sizes].sort()).toEqual([0, 1, 2, 3]);
    });

    /** The page of quotesAbout built from the speaker's whole root quote list (old, unbatched path), filtered to articles naming `about`. */
    async function expectedQuotesAbout(speaker: string, about: string, paging: Paging) {
      const { quotes } = await server.executeData(QUOTES_WITH_PEOPLE, { id: speaker });
      expect(quotes.edges).toHaveLength(quotes.totalCount);
      const items = quotes.edges
        .filter((edge) => edge.node.article.people.some((person) => person.id === about))
        .map((edge) => ({ cursor: edge.cursor, id: edge.node.id }));
      return pageOf(items, compareQuoteCursors, paging);
    }

    it('coMentioned: each person as on its own, for several sizes', async () => {
      const expected = await coMentionedOracle();
      const lengths = new Set<number>();
      for (const first of [0, 1, 3, 10, 100]) {
        const { people: page } = await server.executeData(PEOPLE_CO_MENTIONED, { first });
        for (const { node } of page.edges) {
          const want = (expected.get(node.id) ?? []).slice(0, first);
          expect({
            slug: node.slug,
            first,
            list: node.coMentioned.map((entry) => ({ id: entry.person.id, count: entry.count })),
          }).toEqual({
            slug: node.slug,
            first,
            list: want,
          });
          if (first === 3) lengths.add(node.coMentioned.length);
        }
        const sample = page.edges[0].node;
        const { person } = await server.executeData(PERSON_CO_MENTIONED, { id: sample.id, first });
        expect(person?.coMentioned).toEqual(sample.coMentioned);
      }
      expect([...lengths].sort()).toEqual([0, 1, 3]);
    });

    it('relatedArticles: each article as on its own, for several sizes', async () => {
      const expected = await relatedOracle();
      const lengths = new Set<number>();
      for (const first of [0, 1, 5, 50]) {
        const { articles } = await server.executeData(ARTICLES_RELATED, { first });
        expect(articles.edges).toHaveLength(articles.totalCount);
        for (const { node } of articles.edges) {
          expect({ id: node.id, first, list: node.relatedArticles.map((related) => related.id) }).toEqual({
            id: node.id,
            first,
            list: (expected.get(node.id) ?? []).slice(0, first),
          });
          if (first === 5) lengths.add(Math.min(node.relatedArticles.length, 2));
        }
        const sample = articles.edges[1].node;
        const { article } = await server.executeData(ARTICLE_RELATED, { id: sample.id, first });
        expect(article?.relatedArticles).toEqual(sample.relatedArticles);
      }
      expect([...lengths].sort()).toEqual([0, 1, 2]);
    });

    /** For each person, the others named in the same articles, most shared first, then by id. */
    async function coMentionedOracle() {
      const mentions: { article_id: number; person_id: number }[] = await server.gateway.dataSource.query(
        'SELECT article_id, person_id FROM mention',
      );
      const shared = new Map<number, Map<number, number>>();
      for (const mine of mentions) {
        for (const theirs of mentions) {
          if (theirs.article_id !== mine.article_id || theirs.person_id === mine.person_id) continue;
          const counts = shared.get(mine.person_id) ?? new Map<number, number>();
          counts.set(theirs.person_id, (counts.get(theirs.person_id) ?? 0) + 1);
          shared.set(mine.person_id, counts);
        }
      }
      return new Map(
        [...shared.entries()].map(([person, counts]) => [
          gid('Person', person),
          [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0]).map(([id, count]) => ({ id: gid('Person', id), count })),
        ]),
      );
    }

    /** For each article, the others sharing people with it: most shared first, then newest. */
    async function relatedOracle() {
      const db = server.gateway.dataSource;
      const mentions: { article_id: number; person_id: number }[] = await db.query('SELECT article_id, person_id FROM mention');
      const rows: { id: number; published_at: string }[] = await db.query('SELECT id, published_at FROM article');
      const published = new Map<number, string>(rows.map((row) => [row.id, String(row.published_at)]));
      const peopleOf = new Map<number, Set<number>>();
      for (const mention of mentions)
        peopleOf.set(mention.article_id, (peopleOf.get(mention.article_id) ?? new Set()).add(mention.person_id));
      const result = new Map<string, string[]>();
      for (const [article, mine] of peopleOf) {
        const related = [...peopleOf.entries()]
          .filter(([other]) => other !== article)
          .map(([other, theirs]) => ({ other, count: [...theirs].filter((id) => mine.has(id)).length }))
          .filter((entry) => entry.count > 0)
          .sort((a, b) => b.count - a.count || published.get(b.other)!.localeCompare(published.get(a.other)!) || b.other - a.other);
        result.set(
          gid('Article', article),
          related.map((entry) => gid('Article', entry.other)),
        );
      }
      return result;
    }
  });

  it('answers BAD_USER_INPUT for a broken or foreign cursor in a nested list', async () => {
    const quoteCursor = await middleCursor('quotes', 3);
    expect(errorCode(await server.execute('{ people(first: 3) { edges { node { articles(after: "nope") { totalCount } } } } }'))).toBe(
      'BAD_USER_INPUT',
    );
    expect(
      errorCode(await server.execute(`{ people(first: 3) { edges { node { articles(after: "${quoteCursor}") { totalCount } } } } }`)),
    ).toBe('BAD_USER_INPUT');
  });
});

/** A decoded quote cursor: the article's publication time and id, and the quote's position in it. */
interface QuoteCursor {
  p: string;
  a: number;
  pos: number;
}

/** Decoded quote:newest cursors in list order: newest article first, then by article id descending, then by position. */
function compareQuoteCursors(a: string, b: string): number {
  const x: QuoteCursor = JSON.parse(Buffer.from(a, 'base64url').toString());
  const y: QuoteCursor = JSON.parse(Buffer.from(b, 'base64url').toString());
  return y.p.localeCompare(x.p) || y.a - x.a || x.pos - y.pos;
}

/** The connection page the gateway gives over `items` (in list order) for these arguments. */
function pageOf(items: { cursor: string; id: string }[], compare: (a: string, b: string) => number, paging: Paging) {
  const backward = paging.last != null || paging.before != null;
  const count = (backward ? (paging.last ?? paging.first) : paging.first) ?? 20;
  const cursor = (backward ? paging.before : paging.after) ?? null;
  const candidates =
    cursor === null ? items : items.filter((item) => (backward ? compare(item.cursor, cursor) < 0 : compare(item.cursor, cursor) > 0));
  const page = backward ? candidates.slice(Math.max(0, candidates.length - count)) : candidates.slice(0, count);
  const more = candidates.length > count;
  return {
    totalCount: items.length,
    edges: page.map((item) => ({ cursor: item.cursor, node: { id: item.id } })),
    pageInfo: {
      hasNextPage: backward ? cursor !== null : more,
      hasPreviousPage: backward ? more : cursor !== null,
      startCursor: page[0]?.cursor ?? null,
      endCursor: page[page.length - 1]?.cursor ?? null,
    },
  };
}
