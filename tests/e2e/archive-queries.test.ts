import { ArticleWriter } from '../../src/modules/import/article-writer.service';
import { RELATED_WINDOW } from '../../src/modules/mention/mention.query';
import { encodeGlobalId } from '../../src/shared/global-id';
import { loadArchive } from '../support/archive';
import { errorCode, operation, startTestGateway, type TestGateway } from '../support/test-gateway';

/**
 * Filters, orders, pagination, search and the people/quote queries on a generated archive of
 * 2,000 articles, each checked against a plain in-memory computation over the stored rows.
 */
const ARCHIVE_SIZE = 2000;

interface ArticleRow {
  id: number;
  section: string;
  publishedAt: string;
  text: string;
  average: number | null;
  votes: number;
  people: Set<number>;
}
interface QuoteRow {
  id: number;
  articleId: number;
  speakerId: number | null;
  position: number;
  text: string;
}
interface PersonRow {
  id: number;
  slug: string;
  normalizedName: string;
  name: string;
  description: string | null;
}

type ArticleOrder = 'PUBLISHED_AT_DESC' | 'PUBLISHED_AT_ASC' | 'RATING_DESC' | 'RELEVANCE';
interface ArticleFilter {
  section?: string;
  publishedAfter?: string;
  publishedBefore?: string;
  minRating?: number;
  query?: string;
  personId?: string;
  personSlug?: string;
}
/** The variables a walk may pass, each with its GraphQL type. */
interface WalkVariables {
  filter?: ArticleFilter;
  orderBy?: ArticleOrder;
  personFilter?: { articleId?: string; query?: string };
  personOrder?: 'MENTIONS_DESC' | 'NAME_ASC';
  quoteFilter?: { speakerId?: string; articleId?: string; publishedAfter?: string; publishedBefore?: string; query?: string };
}
const VARIABLE_TYPES: Record<keyof WalkVariables, string> = {
  filter: 'ArticleFilter',
  orderBy: 'ArticleOrder',
  personFilter: 'PersonFilter',
  personOrder: 'PersonOrder',
  quoteFilter: 'QuoteFilter',
};
interface WalkPageData {
  result: {
    totalCount: number;
    edges: { cursor: string; node: { id: string } }[];
    pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  };
}

interface StablePageData {
  result: { edges: { node: { id: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
}
const STABLE_PAGE = operation<StablePageData, { cursor: string | null; orderBy: ArticleOrder }>(
  'query($cursor: String, $orderBy: ArticleOrder) { result: articles(first: 100, after: $cursor, orderBy: $orderBy) { edges { node { id } } pageInfo { hasNextPage endCursor } } }',
);

const SECTIONS = operation<{ sections: { name: string; count: number }[] }>('{ sections { name count } }');

const TOP_PEOPLE = operation<{ people: { edges: { node: { id: string; mentionCount: number; quoteCount: number } }[] } }>(
  '{ people(first: 3) { edges { node { id mentionCount quoteCount } } } }',
);

interface CoMentionedData {
  person: { coMentioned: { person: { id: string }; count: number }[] } | null;
}
const CO_MENTIONED = operation<CoMentionedData, { id: string }>(
  'query($id: ID!) { person(id: $id) { coMentioned { person { id } count } } }',
);

interface QuotesAboutData {
  person: { quotesAbout: { totalCount: number; edges: { node: { text: string } }[] } } | null;
}
const QUOTES_ABOUT = operation<QuotesAboutData, { id: string; about: string }>(
  'query($id: ID!, $about: ID!) { person(id: $id) { quotesAbout(personId: $about, first: 100) { totalCount edges { node { text } } } } }',
);

const RELATED = operation<{ article: { relatedArticles: { id: string }[] } | null }, { id: string }>(
  'query($id: ID!) { article(id: $id) { relatedArticles { id } } }',
);

const NODES = operation<{ nodes: ({ id: string } | null)[] }, { ids: string[] }>('query($ids: [ID!]!) { nodes(ids: $ids) { id } }');

const FIRST_CURSOR = operation<{ articles: { pageInfo: { endCursor: string | null } } }>(
  '{ articles(first: 1) { pageInfo { endCursor } } }',
);

describe('querying a 2,000-article archive', () => {
  let server: TestGateway;
  let articles: ArticleRow[];
  let quotes: QuoteRow[];
  let people: PersonRow[];
  const gid = (type: 'Article' | 'Person' | 'Quote', id: number) => encodeGlobalId(type, id);

  beforeAll(async () => {
    server = await startTestGateway({ seed: false });
    await loadArchive(server.gateway.dataSource, { articles: ARCHIVE_SIZE, seed: 21, maxVotes: 6 });
    const db = server.gateway.dataSource;
    const votes: { article_id: number; stars: number }[] = await db.query('SELECT article_id, stars FROM vote');
    const mentions: { article_id: number; person_id: number }[] = await db.query('SELECT article_id, person_id FROM mention');
    // SQLite gives a timestamp as text in UTC, PostgreSQL's driver as a Date.
    const asDate = (value: string | Date) => (value instanceof Date ? value : new Date(`${value.replace(' ', 'T')}Z`));
    const articleRows: { id: number; section: string; published_at: string | Date; headline: string; body: string }[] = await db.query(
      'SELECT id, section, published_at, headline, body FROM article',
    );
    articles = articleRows.map((row) => {
      const stars = votes.filter((vote) => vote.article_id === row.id).map((vote) => vote.stars);
      return {
        id: row.id,
        section: row.section,
        publishedAt: asDate(row.published_at).toISOString(),
        text: `${row.headline} ${row.body}`,
        average: stars.length ? stars.reduce((a: number, b: number) => a + b, 0) / stars.length : null,
        votes: stars.length,
        people: new Set(mentions.filter((mention) => mention.article_id === row.id).map((mention) => mention.person_id)),
      };
    });
    const quoteRows: { id: number; article_id: number; speaker_id: number | null; position: number; text: string }[] = await db.query(
      'SELECT id, article_id, speaker_id, position, text FROM quote',
    );
    quotes = quoteRows.map((row) => ({
      id: row.id,
      articleId: row.article_id,
      speakerId: row.speaker_id,
      position: row.position,
      text: row.text,
    }));
    const personRows: { id: number; slug: string; normalized_name: string; name: string; description: string | null }[] = await db.query(
      'SELECT id, slug, normalized_name, name, description FROM person',
    );
    people = personRows.map((row) => ({
      id: row.id,
      slug: row.slug,
      normalizedName: row.normalized_name,
      name: row.name,
      description: row.description,
    }));
  }, 120_000);
  afterAll(() => server.close());

  const byId = (id: number) => articles.find((article) => article.id === id)!;
  const newestFirst = (a: ArticleRow, b: ArticleRow) => b.publishedAt.localeCompare(a.publishedAt) || b.id - a.id;
  const oldestFirst = (a: ArticleRow, b: ArticleRow) => -newestFirst(a, b);
  const bestRated = (a: ArticleRow, b: ArticleRow) => (b.average ?? 0) - (a.average ?? 0) || b.votes - a.votes || b.id - a.id;
  const hasWord = (text: string, word: string) => new RegExp(`\\b${word}`, 'i').test(text);

  /** Every node id of a connection, walking forwards with `first` or backwards with `last`. */
  async function walk(field: 'articles' | 'people' | 'quotes', args: string, variables: WalkVariables, pageSize: number, backward = false) {
    const ids: string[] = [];
    let cursor: string | null = null;
    let total = -1;
    for (let page = 0; page < 500; page += 1) {
      const paging = backward ? `last: ${pageSize}, before: $cursor` : `first: ${pageSize}, after: $cursor`;
      const declared = (Object.keys(variables) as (keyof WalkVariables)[]).map((name) => `, $${name}: ${VARIABLE_TYPES[name]}`).join('');
      const document = operation<WalkPageData, WalkVariables & { cursor: string | null }>(
        `query($cursor: String${declared}) { result: ${field}(${paging}${args ? `, ${args}` : ''}) {
          totalCount edges { cursor node { id } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }`,
      );
      const data: WalkPageData = await server.executeData(document, { ...variables, cursor });
      const { edges, pageInfo, totalCount } = data.result;
      total = totalCount;
      const pageIds = edges.map((edge) => edge.node.id);
      if (backward) ids.unshift(...pageIds);
      else ids.push(...pageIds);
      const more = backward ? pageInfo.hasPreviousPage : pageInfo.hasNextPage;
      if (!more) break;
      cursor = backward ? pageInfo.startCursor : pageInfo.endCursor;
    }
    return { ids, total };
  }

  const someSlug = () => people.find((person) => articles.filter((article) => article.people.has(person.id)).length > 20)!;

  const cases: { name: string; filter: ArticleFilter; keep: (article: ArticleRow) => boolean }[] = [
    { name: 'no filter', filter: {}, keep: () => true },
    { name: 'section', filter: { section: 'Politics' }, keep: (article) => article.section === 'Politics' },
    {
      name: 'published between',
      filter: { publishedAfter: '2025-01-01T10:00:00.000Z', publishedBefore: '2025-01-02T02:00:00.000Z' },
      keep: (article) => article.publishedAt >= '2025-01-01T10:00:00.000Z' && article.publishedAt < '2025-01-02T02:00:00.000Z',
    },
    { name: 'minimum rating', filter: { minRating: 3.5 }, keep: (article) => article.average !== null && article.average >= 3.5 },
    { name: 'text query', filter: { query: 'Okafor' }, keep: (article) => hasWord(article.text, 'Okafor') },
  ];

  describe.each(cases)('articles with $name', ({ filter, keep }) => {
    it.each([
      ['PUBLISHED_AT_DESC', newestFirst],
      ['PUBLISHED_AT_ASC', oldestFirst],
      ['RATING_DESC', bestRated],
    ] as const)('ordered %s, forwards and backwards, match the in-memory result', async (orderBy, compare) => {
      const expected = articles
        .filter(keep)
        .sort(compare)
        .map((article) => gid('Article', article.id));
      expect(expected.length).toBeGreaterThan(0);
      const forwards = await walk('articles', 'filter: $filter, orderBy: $orderBy', { filter, orderBy }, 100);
      expect(forwards.total).toBe(expected.length);
      expect(forwards.ids).toEqual(expected);
      const backwards = await walk('articles', 'filter: $filter, orderBy: $orderBy', { filter, orderBy }, 100, true);
      expect(backwards.ids).toEqual(expected);
    });
  });

  it('pages RELEVANCE results both ways over exactly the matching articles, best first', async () => {
    const expected = articles.filter((article) => hasWord(article.text, 'Okafor')).map((article) => gid('Article', article.id));
    const filter = { query: 'okaf' };
    const forwards = await walk('articles', 'filter: $filter, orderBy: $orderBy', { filter, orderBy: 'RELEVANCE' }, 40);
    const backwards = await walk('articles', 'filter: $filter, orderBy: $orderBy', { filter, orderBy: 'RELEVANCE' }, 40, true);
    expect(forwards.total).toBe(expected.length);
    expect([...forwards.ids].sort()).toEqual([...expected].sort());
    expect(backwards.ids).toEqual(forwards.ids);
  });

  it('combines filters with AND, including a person by id or slug', async () => {
    const person = someSlug();
    const keep = (article: ArticleRow) =>
      article.people.has(person.id) && article.section === 'World' && article.votes > 0 && article.average! >= 2;
    const expected = articles
      .filter(keep)
      .sort(newestFirst)
      .map((article) => gid('Article', article.id));
    for (const filter of [
      { personId: gid('Person', person.id), section: 'World', minRating: 2 },
      { personSlug: person.slug, section: 'World', minRating: 2 },
    ]) {
      const result = await walk('articles', 'filter: $filter', { filter }, 7);
      expect(result).toEqual({ ids: expected, total: expected.length });
    }
    expect((await walk('articles', 'filter: $filter', { filter: { personSlug: 'nobody-at-all' } }, 10)).total).toBe(0);
  });

  it('pages with small pages in both directions covering every article exactly once', async () => {
    const forwards = await walk('articles', '', {}, 33);
    const backwards = await walk('articles', '', {}, 33, true);
    expect(new Set(forwards.ids).size).toBe(ARCHIVE_SIZE);
    expect(backwards.ids).toEqual(forwards.ids);
  });

  it.each<ArticleOrder>(['PUBLISHED_AT_DESC', 'PUBLISHED_AT_ASC', 'RATING_DESC'])(
    'keeps %s pages stable while new articles are published between pages',
    async (orderBy) => {
      const before = await walk('articles', 'orderBy: $orderBy', { orderBy }, 100);
      const writer = new ArticleWriter();
      const added: string[] = [];
      const ids: string[] = [];
      let cursor: string | null = null;
      for (;;) {
        const { result }: StablePageData = await server.executeData(STABLE_PAGE, { cursor, orderBy });
        ids.push(...result.edges.map((edge) => edge.node.id));
        if (!result.pageInfo.hasNextPage) break;
        cursor = result.pageInfo.endCursor;
        // Newer and older articles than any in the archive, landing on both sides of the cursor.
        for (const year of [2030, 2001]) {
          const article = await server.gateway.dataSource.transaction((manager) =>
            writer.create(manager, {
              headline: `Late news ${orderBy} ${year} ${added.length}`,
              section: 'World',
              publishedAt: new Date(Date.UTC(year, 0, 1, 0, added.length)),
              paragraphs: ['New.'],
              people: [],
              quotes: [],
            }),
          );
          added.push(gid('Article', article.id));
        }
      }
      expect(added.length).toBeGreaterThan(10);
      // Every article that existed before appears exactly once, in the same order; new ones may
      // appear only where the order puts them after the page already read.
      expect(ids.filter((id) => !added.includes(id))).toEqual(before.ids);
      expect(new Set(ids).size).toBe(ids.length);
    },
  );

  it('lists sections with their counts', async () => {
    const { sections } = await server.executeData(SECTIONS);
    const counts = new Map<string, number>();
    const current: { section: string }[] = await server.gateway.dataSource.query('SELECT section FROM article');
    for (const row of current) counts.set(row.section, (counts.get(row.section) ?? 0) + 1);
    const expected = [...counts.entries()]
      .map(([name, count]) => ({ name, count }))
      .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
    expect(sections).toEqual(expected);
  });

  it('lists people by mentions or by name, with counts and filters', async () => {
    const mentionCount = (person: PersonRow) => articles.filter((article) => article.people.has(person.id)).length;
    const byMentions = [...people]
      .sort((a, b) => mentionCount(b) - mentionCount(a) || a.id - b.id)
      .map((person) => gid('Person', person.id));
    expect(await walk('people', 'orderBy: $personOrder', { personOrder: 'MENTIONS_DESC' }, 5)).toEqual({
      ids: byMentions,
      total: people.length,
    });
    const byName = [...people]
      .sort((a, b) => (a.normalizedName < b.normalizedName ? -1 : a.normalizedName > b.normalizedName ? 1 : a.id - b.id))
      .map((person) => gid('Person', person.id));
    expect((await walk('people', 'orderBy: $personOrder', { personOrder: 'NAME_ASC' }, 5, true)).ids).toEqual(byName);

    const article = articles[17];
    const named = await walk('people', 'filter: $personFilter', { personFilter: { articleId: gid('Article', article.id) } }, 10);
    expect(new Set(named.ids)).toEqual(new Set([...article.people].map((id) => gid('Person', id))));

    const { people: top } = await server.executeData(TOP_PEOPLE);
    for (const { node } of top.edges) {
      const person = people.find((candidate) => gid('Person', candidate.id) === node.id)!;
      expect(node.mentionCount).toBe(mentionCount(person));
      expect(node.quoteCount).toBe(quotes.filter((quote) => quote.speakerId === person.id).length);
    }
  });

  it('filters quotes by speaker, article and publication time, newest article first', async () => {
    const person = someSlug();
    const after = '2025-01-01T12:00:00.000Z';
    const expected = quotes
      .filter((quote) => quote.speakerId === person.id && byId(quote.articleId).publishedAt >= after)
      .sort((a, b) => newestFirst(byId(a.articleId), byId(b.articleId)) || a.position - b.position)
      .map((quote) => gid('Quote', quote.id));
    expect(expected.length).toBeGreaterThan(0);
    expect(
      await walk('quotes', 'filter: $quoteFilter', { quoteFilter: { speakerId: gid('Person', person.id), publishedAfter: after } }, 9),
    ).toEqual({
      ids: expected,
      total: expected.length,
    });
    const inArticle = quotes
      .filter((quote) => quote.articleId === articles[3].id)
      .sort((a, b) => a.position - b.position)
      .map((quote) => gid('Quote', quote.id));
    expect((await walk('quotes', 'filter: $quoteFilter', { quoteFilter: { articleId: gid('Article', articles[3].id) } }, 10)).ids).toEqual(
      inArticle,
    );
  });

  it('answers who appears with whom, what X said in articles about Y, and related articles', async () => {
    const person = someSlug();
    const shared = new Map<number, number>();
    for (const article of articles) {
      if (!article.people.has(person.id)) continue;
      for (const other of article.people) if (other !== person.id) shared.set(other, (shared.get(other) ?? 0) + 1);
    }
    const expectedCo = [...shared.entries()]
      .sort((a, b) => b[1] - a[1] || a[0] - b[0])
      .slice(0, 10)
      .map(([id, count]) => ({ person: { id: gid('Person', id) }, count }));
    const { person: found } = await server.executeData(CO_MENTIONED, { id: gid('Person', person.id) });
    expect(found?.coMentioned).toEqual(expectedCo);

    const about = expectedCo[0].person.id;
    const aboutId = Number(Buffer.from(about, 'base64url').toString().split(':')[1]);
    const expectedAbout = quotes
      .filter((quote) => quote.speakerId === person.id && byId(quote.articleId).people.has(aboutId))
      .sort((a, b) => newestFirst(byId(a.articleId), byId(b.articleId)) || a.position - b.position)
      .map((quote) => quote.text);
    const withAbout = (await server.executeData(QUOTES_ABOUT, { id: gid('Person', person.id), about })).person!;
    expect(withAbout.quotesAbout.totalCount).toBe(expectedAbout.length);
    expect(withAbout.quotesAbout.edges.map((edge) => edge.node.text)).toEqual(expectedAbout);

    // Related: for each of its people, the articles naming them within RELATED_WINDOW places of
    // its date on either side (all of them when `window` is Infinity); most shared people first, then newest.
    const related = (subject: ArticleRow, window: number) => {
      const shares = new Map<ArticleRow, number>();
      for (const personId of subject.people) {
        const naming = articles.filter((other) => other.people.has(personId));
        const before = naming.filter((other) => other.publishedAt <= subject.publishedAt).sort(newestFirst);
        const after = naming.filter((other) => other.publishedAt >= subject.publishedAt).sort(oldestFirst);
        const from = (before[window] ?? before[before.length - 1]).publishedAt;
        const to = (after[window] ?? after[after.length - 1]).publishedAt;
        for (const other of naming) {
          if (other !== subject && other.publishedAt >= from && other.publishedAt <= to) shares.set(other, (shares.get(other) ?? 0) + 1);
        }
      }
      return [...shares.entries()]
        .sort((a, b) => b[1] - a[1] || newestFirst(a[0], b[0]))
        .slice(0, 5)
        .map(([other]) => gid('Article', other.id));
    };
    // An article whose related list the window changes, so the test would fail without it.
    const subject = articles
      .slice(42)
      .find((candidate) => related(candidate, RELATED_WINDOW).join() !== related(candidate, Infinity).join())!;
    expect(subject).toBeDefined();
    const overlap = related(subject, RELATED_WINDOW);
    const article = (await server.executeData(RELATED, { id: gid('Article', subject.id) })).article!;
    expect(article.relatedArticles.map((related) => related.id)).toEqual(overlap);
  });

  it('fetches many nodes at once, in order, with null for missing ones', async () => {
    const ids = [gid('Quote', quotes[0].id), gid('Article', articles[5].id), gid('Person', 999999), gid('Person', people[0].id)];
    const { nodes } = await server.executeData(NODES, { ids });
    expect(nodes).toEqual([{ id: ids[0] }, { id: ids[1] }, null, { id: ids[3] }]);
    expect(errorCode(await server.execute(NODES, { ids: Array<string>(101).fill(ids[0]) }))).toBe('BAD_USER_INPUT');
  });

  it('refuses RELEVANCE without a query, both after and before, and bounds on first', async () => {
    expect(errorCode(await server.execute('{ articles(orderBy: RELEVANCE) { totalCount } }'))).toBe('BAD_USER_INPUT');
    const { articles: page } = await server.executeData(FIRST_CURSOR);
    const cursor = page.pageInfo.endCursor;
    expect(errorCode(await server.execute(`{ articles(after: "${cursor}", before: "${cursor}") { totalCount } }`))).toBe('BAD_USER_INPUT');
    expect(errorCode(await server.execute(`{ articles(orderBy: RATING_DESC, after: "${cursor}") { totalCount } }`))).toBe('BAD_USER_INPUT');
    expect(errorCode(await server.execute('{ articles(last: 101) { totalCount } }'))).toBe('BAD_USER_INPUT');
    expect(errorCode(await server.execute('{ people(first: 1) { edges { node { coMentioned(first: 101) { count } } } } }'))).toBe(
      'BAD_USER_INPUT',
    );
  });
});
