import { PostgresSearchIndex } from '../../src/db/postgres-search-index';
import { RANKED_MATCHES, SqliteFtsIndex } from '../../src/db/search-index';
import { Article } from '../../src/modules/article/article.entity';
import type { ArticleDraft } from '../../src/modules/import/article-draft';
import { ArticleWriter } from '../../src/modules/import/article-writer.service';
import { SearchType } from '../../src/shared/search-type.enum';
import { loadArchive } from '../support/archive';
import { errorCode, operation, startTestGateway, TEST_ENGINE, type TestGateway } from '../support/test-gateway';

type SearchTypeName = 'ARTICLE' | 'PERSON' | 'QUOTE';
/** A search hit, with the members its inline fragment adds when it is of that type. */
type Hit = { __typename: 'Article' | 'Quote' | 'Person'; id: string } & Partial<{ headline: string; text: string; name: string }>;
interface SearchData {
  search: {
    totalCount: number;
    edges: { cursor: string; node: { score: number; snippet: string; hit: Hit } }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
}
type SearchVariables = { query: string; first?: number | null; after?: string | null; types?: SearchTypeName[] | null };
const SEARCH = operation<SearchData, SearchVariables>(`query($query: String!, $first: Int, $after: String, $types: [SearchType!]) {
  search(query: $query, first: $first, after: $after, types: $types) {
    totalCount
    edges { cursor node { score snippet hit { __typename ... on Article { id headline } ... on Quote { id text } ... on Person { id name } } } }
    pageInfo { hasNextPage endCursor }
  }
}`);

interface QueryFiltersData {
  articles: { totalCount: number; edges: { node: { headline: string } }[] };
  people: { totalCount: number };
  quotes: { totalCount: number };
  hostile: { totalCount: number };
}
const QUERY_FILTERS = operation<QueryFiltersData>(`{
  articles(filter: { query: "zephyrine" }, orderBy: RELEVANCE) { totalCount edges { node { headline } } }
  people(filter: { query: "marchenko" }) { totalCount }
  quotes(filter: { query: "lights kyiv" }) { totalCount }
  hostile: articles(filter: { query: "NEAR(" }) { totalCount }
}`);

const draft = (headline: string, paragraphs: string[], extra: Partial<ArticleDraft> = {}): ArticleDraft => ({
  headline,
  section: 'World',
  publishedAt: new Date('2026-02-01T00:00:00Z'),
  paragraphs,
  people: [],
  quotes: [],
  ...extra,
});

describe('search', () => {
  let server: TestGateway;
  const store = (article: ArticleDraft) => server.gateway.dataSource.transaction((manager) => new ArticleWriter().create(manager, article));
  const search = async (query: string, extra: Omit<SearchVariables, 'query'> = {}) =>
    (await server.executeData(SEARCH, { query, first: 50, ...extra })).search;

  beforeAll(async () => {
    server = await startTestGateway();
    await loadArchive(server.gateway.dataSource, { articles: 300, seed: 5 });
    await store(draft('Zephyrine Harbour reopens to ships', ['The port was closed for a week.']));
    await store(draft('Ferries return to the coast', ['Officials said Zephyrine Harbour was busy again.', 'Nothing else changed.']));
    await store(
      draft('Kyiv prepares for winter', ['Engineers in Kyiv <script>alert(1)</script> restored power & heat.'], {
        people: [{ name: 'Oksana Marchenko', description: 'energy minister' }],
        quotes: [
          { text: 'We will keep the lights on in Kyiv', speaker: 'Oksana Marchenko', attribution: 'Marchenko said', paragraphIndex: 0 },
        ],
      }),
    );
  }, 60_000);
  afterAll(() => server.close());

  it('ranks a headline match above a body-only match', async () => {
    const result = await search('zephyrine', { types: ['ARTICLE'] });
    expect(result.edges.map((edge) => edge.node.hit.headline)).toEqual([
      'Zephyrine Harbour reopens to ships',
      'Ferries return to the coast',
    ]);
    expect(result.edges[0].node.score).toBeGreaterThan(result.edges[1].node.score);
    expect(result.totalCount).toBe(2);
  });

  it('highlights matched terms and escapes the rest as HTML', async () => {
    const result = await search('restored', { types: ['ARTICLE'] });
    const snippet: string = result.edges[0].node.snippet;
    expect(snippet).toContain('<mark>restored</mark>');
    expect(snippet).toContain('&lt;script&gt;');
    expect(snippet).toContain('&amp;');
    expect(snippet).not.toContain('<script>');
  });

  it('ignores case and diacritics, matches the last word as a prefix, and keeps quoted phrases', async () => {
    const count = async (query: string) => (await search(query, { types: ['ARTICLE'] })).totalCount;
    expect({
      diacritics: await count('KYÏV'),
      prefix: await count('zephyr'),
      phrase: await count('"harbour reopens"'),
      phrase2: await count('"harbour was busy"'),
      words: await count('harbour busy'),
    }).toEqual({ diacritics: 2, prefix: 2, phrase: 1, phrase2: 1, words: 1 }); // Kyiv: this story and the seed
  });

  it('finds host names, e-mail addresses, URLs, version numbers and decimals by their parts, on both engines', async () => {
    await store(
      draft('Statistics office revises inflation', [
        'Figures at statsbureau.zyxample.org put inflation at 7.25 percent; questions to press@statsbureau.zyxample.org.',
        'The model, release 4.17.2, is at https://data.zyxample.org/cpi/latest.',
      ]),
    );
    const count = async (query: string) => (await search(query, { types: ['ARTICLE'] })).totalCount;
    expect({
      host: await count('statsbureau.zyxample.org'),
      email: await count('press@statsbureau.zyxample.org'),
      url: await count('data.zyxample.org/cpi'),
      version: await count('4.17.2'),
      decimal: await count('7.25 percent'),
      part: await count('zyxample'),
    }).toEqual({ host: 1, email: 1, url: 1, version: 1, decimal: 1, part: 1 });
  });

  it('finds quotes and people too, and keeps to the types asked for', async () => {
    const all = await search('kyiv');
    expect(new Set(all.edges.map((edge) => edge.node.hit.__typename))).toEqual(new Set(['Article', 'Quote']));
    const people = await search('energy minister', { types: ['PERSON'] });
    expect(people.edges.map((edge) => edge.node.hit.name)).toEqual(['Oksana Marchenko']);
    expect(people.edges[0].node.snippet).toContain('<mark>energy</mark> <mark>minister</mark>');
    const quotes = await search('lights', { types: ['QUOTE'] });
    expect(quotes.edges[0].node.hit.text).toBe('We will keep the lights on in Kyiv');
  });

  it('pages through every hit exactly once, best first', async () => {
    const everything = await search('story', { first: 100 });
    const seen: string[] = [];
    const scores: number[] = [];
    let after: string | null = null;
    for (;;) {
      const page: SearchData['search'] = (await server.executeData(SEARCH, { query: 'story', first: 17, after })).search;
      seen.push(...page.edges.map((edge) => `${edge.node.hit.__typename}:${edge.node.hit.id}`));
      scores.push(...page.edges.map((edge) => edge.node.score));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen.length).toBe(everything.totalCount);
    expect(new Set(seen).size).toBe(seen.length);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  });

  it('keeps the index in step with inserts, updates and deletes', async () => {
    const article = await store(draft('Quasar observatory opens', ['Astronomers cheered.']));
    expect((await search('quasar')).totalCount).toBe(1);
    await server.gateway.dataSource.getRepository(Article).update({ id: article.id }, { headline: 'Pulsar observatory opens' });
    expect((await search('quasar')).totalCount).toBe(0);
    expect((await search('pulsar')).totalCount).toBe(1);
    await server.gateway.dataSource.getRepository(Article).delete({ id: article.id });
    expect((await search('pulsar')).totalCount).toBe(0);
  });

  it.each([
    'AND',
    'OR NOT',
    'NEAR(',
    'NEAR(kyiv harbour, 2)',
    '*',
    'kyiv*',
    '"',
    '"unbalanced phrase',
    '-kyiv',
    'kyiv -',
    '^start',
    'column:kyiv',
    'headline:kyiv',
    '(kyiv',
    "'; DROP TABLE article; --",
    '%_%',
    '\\',
    '💥🔥',
    '     x     ',
    'a'.repeat(400),
  ])('treats %p as plain text and answers without an error', async (query) => {
    const result = await server.execute(SEARCH, { query, first: 5 });
    expect(result.errors).toBeUndefined();
    expect(result.data?.search.totalCount).toBeGreaterThanOrEqual(0);
  });

  it('answers BAD_USER_INPUT for an empty query', async () => {
    for (const query of ['', '   ']) expect(errorCode(await server.execute(SEARCH, { query }))).toBe('BAD_USER_INPUT');
  });

  it('uses the same matching for the query filters of articles, people and quotes', async () => {
    const data = await server.executeData(QUERY_FILTERS);
    expect(data.articles.totalCount).toBe(2);
    expect(data.articles.edges[0].node.headline).toBe('Zephyrine Harbour reopens to ships');
    expect(data.people.totalCount).toBe(1);
    expect(data.quotes.totalCount).toBe(1);
    expect(data.hostile.totalCount).toBe(0);
  });

  it('ranks and counts only the newest matches of a kind past the window', async () => {
    // The oldest of three has the word in its headline: the best match, until it falls out of a window of two.
    await store(draft('Quillfeather wins the regatta', ['A close race.']));
    await store(draft('Harbour news', ['The quillfeather crew celebrated.']));
    await store(draft('More harbour news', ['Rain, then the quillfeather crew again.']));
    const index = (window = RANKED_MATCHES) =>
      TEST_ENGINE === 'postgres'
        ? new PostgresSearchIndex(server.gateway.dataSource, window)
        : new SqliteFtsIndex(server.gateway.dataSource, window);
    const quillfeather = index().query('quillfeather ')!;
    const headlinesOf = async (hits: { id: number }[]) =>
      Promise.all(
        hits.map(async (hit) => (await server.gateway.dataSource.getRepository(Article).findOneByOrFail({ id: hit.id })).headline),
      );

    const everything = await index().search(quillfeather, [SearchType.ARTICLE], 10, null);
    expect(await headlinesOf(everything)).toEqual(['Quillfeather wins the regatta', expect.any(String), expect.any(String)]);
    const newestTwo = await index(2).search(quillfeather, [SearchType.ARTICLE], 10, null);
    expect((await headlinesOf(newestTwo)).sort()).toEqual(['Harbour news', 'More harbour news']);
    expect(await index(2).count(quillfeather, [SearchType.ARTICLE])).toBe(2);
    expect(await index().count(quillfeather, [SearchType.ARTICLE])).toBe(3);
  });
});
