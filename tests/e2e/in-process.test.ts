import { operation, startTestGateway, type TestGateway } from '../support/test-gateway';

/**
 * Operations run in process (RunningGateway.execute, the resolver-level suites' path) get the
 * context an HTTP request gets: the same viewer from the same headers and address, the same
 * limits and cost report, a request id, and the same SQL.
 */
const SEED_SLUG = 'russia-invites-ukraine-president-zelensky-for-peace-talks';

const SEED_ID = operation<{ article: { id: string } | null }>(`{ article(slug: "${SEED_SLUG}") { id } }`);
const RATE = `mutation($id: ID!, $stars: Int!) { rateArticle(input: { articleId: $id, stars: $stars }) { rating { viewerStars } } }`;
const VIEWER_STARS = operation<{ article: { rating: { viewerStars: number | null } } | null }>(
  `{ article(slug: "${SEED_SLUG}") { rating { viewerStars } } }`,
);
const PAGE_SOURCE = '{ articles(first: 5) { edges { node { people { name } rating { votes } } } } }';
const PAGE = operation<{ articles: { edges: { node: { people: { name: string }[]; rating: { votes: number } } }[] } }>(PAGE_SOURCE);
const COSTLY = `{ articles(first: 100) { edges { node { people {
  articles(first: 100) { edges { node { people { articles(first: 100) { totalCount } } } } }
} } } } }`;

describe('operations run in process', () => {
  let server: TestGateway;
  let articleId: string;
  beforeAll(async () => {
    server = await startTestGateway();
    articleId = (await server.executeData(SEED_ID)).article!.id;
  });
  afterAll(() => server.close());

  it('know the viewer as an HTTP request with the same headers from the same address does', async () => {
    const userAgent = { 'user-agent': 'in-process-parity/1.0' };
    // Voted over HTTP from 127.0.0.1 without a voter token: the address and user agent name the voter.
    expect((await server.data(RATE, { id: articleId, stars: 4 }, userAgent)).rateArticle.rating.viewerStars).toBe(4);
    expect((await server.executeData(VIEWER_STARS, {}, userAgent)).article?.rating.viewerStars).toBe(4);
    expect((await server.executeData(VIEWER_STARS, {}, { 'user-agent': 'someone-else/1.0' })).article?.rating.viewerStars).toBeNull();
    // The same user agent from another address is another voter.
    const elsewhere = await server.gateway.execute(VIEWER_STARS, {}, { headers: userAgent, remoteAddress: '198.51.100.7' });
    expect(elsewhere.body).toMatchObject({ kind: 'single', singleResult: { data: { article: { rating: { viewerStars: null } } } } });
  });

  it('report the cost when asked, and refuse an operation over the cost limit', async () => {
    const asked = { 'x-query-cost': 'true' };
    const inProcess = await server.execute(PAGE, {}, asked);
    expect(inProcess.extensions?.cost).toMatchObject({ requested: expect.any(Number), limit: expect.any(Number) });
    expect(inProcess.extensions?.cost).toEqual((await server.gql(PAGE_SOURCE, {}, asked)).extensions?.cost);
    expect((await server.execute(PAGE)).extensions).toBeUndefined();
    const costly = await server.execute(COSTLY);
    expect(costly.errors?.[0].extensions?.code).toBe('QUERY_TOO_COSTLY');
    expect(costly.data).toBeUndefined();
  });

  it('carry a request id in the response head, as over HTTP', async () => {
    const response = await server.gateway.execute(PAGE);
    expect(response.http.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('send the same SQL as the same operation over HTTP', async () => {
    const statements = async (run: () => Promise<unknown>) => {
      server.gateway.queryCounter.reset();
      await run();
      return server.gateway.queryCounter.statements;
    };
    const overHttp = await statements(() => server.data(PAGE_SOURCE));
    expect(await statements(() => server.executeData(PAGE))).toBe(overHttp);
    expect(overHttp).toBe(3);
  });
});
