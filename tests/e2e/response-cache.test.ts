import { createHash } from 'node:crypto';
import { createDataSource } from '../../src/db/data-source';
import { entities } from '../../src/modules/entities';
import { commitGroup } from '../../src/modules/rating/vote-committer';
import { EDITOR_KEY, itOnSqlite, startTestGateway, type TestGateway } from '../support/test-gateway';

const FRONT = '{ articles(first: 20) { edges { node { id headline rating { votes average } } } } }';
const RATE = 'mutation($input: RateArticleInput!) { rateArticle(input: $input) { rating { votes } } }';
const IMPORT = 'mutation($input: ImportArticleInput!) { importArticle(input: $input) { article { id } } }';

async function post(server: TestGateway, query: string, variables?: Record<string, unknown>, headers: Record<string, string> = {}) {
  const response = await fetch(server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as any };
}

describe('response cache and cache headers', () => {
  let server: TestGateway;
  let articleIds: string[];
  const hits = () => server.gateway.responseCache!.hits;

  beforeAll(async () => {
    server = await startTestGateway();
    for (let index = 0; index < 2; index += 1) {
      await server.gql(
        IMPORT,
        { input: { text: `Cache test ${index}\n\nJan. 3${index}, 2026\n\n"We will see," said Teresa Okonkwo ${index}.` } },
        { authorization: `Bearer ${EDITOR_KEY}` },
      );
    }
    const { articles } = await server.data(FRONT);
    articleIds = articles.edges.map((edge: { node: { id: string } }) => edge.node.id);
  });
  afterAll(() => server.close());

  it('sets Cache-Control from the hints: the shortest maxAge selected, private for viewerStars, no-store for mutations', async () => {
    expect((await post(server, '{ articles(first: 2) { edges { node { headline } } } }')).headers.get('cache-control')).toBe(
      'max-age=60, public',
    );
    expect((await post(server, FRONT)).headers.get('cache-control')).toBe('max-age=10, public');
    expect((await post(server, `{ node(id: "${articleIds[0]}") { ... on Article { headline } } }`)).headers.get('cache-control')).toBe(
      'max-age=300, public',
    );
    const own = await post(server, `{ node(id: "${articleIds[0]}") { ... on Article { rating { viewerStars } } } }`);
    expect(own.headers.get('cache-control')).toBe('max-age=10, private');
    const vote = await post(server, RATE, { input: { articleId: articleIds[0], stars: 3 } }, { 'x-voter-id': 'header-voter-1' });
    expect(vote.headers.get('cache-control')).toBe('no-store');
  });

  it('serves a repeated read from the cache, and a vote is in the very next read', async () => {
    const first = await post(server, FRONT);
    const before = hits();
    const second = await post(server, FRONT);
    expect(hits()).toBe(before + 1);
    expect(second.body).toEqual(first.body);
    expect(second.headers.get('etag')).toBe(first.headers.get('etag'));
    expect(second.headers.get('x-request-id')).not.toBe(first.headers.get('x-request-id'));
    const votesBefore = second.body.data.articles.edges[0].node.rating.votes;
    await post(server, RATE, { input: { articleId: articleIds[0], stars: 5 } }, { 'x-voter-id': 'cache-voter-1' });
    const third = await post(server, FRONT);
    expect(third.body.data.articles.edges[0].node.rating.votes).toBe(votesBefore + 1);
  });

  it('keeps an article page cached when another article is voted on', async () => {
    const page = `{ node(id: "${articleIds[0]}") { ... on Article { headline rating { votes } } } }`;
    await post(server, page);
    await post(server, RATE, { input: { articleId: articleIds[1], stars: 2 } }, { 'x-voter-id': 'cache-voter-2' });
    const before = hits();
    await post(server, page);
    expect(hits()).toBe(before + 1);
    // …and drops it when this article is.
    await post(server, RATE, { input: { articleId: articleIds[0], stars: 2 } }, { 'x-voter-id': 'cache-voter-2' });
    const after = hits();
    const read = await post(server, page);
    expect(hits()).toBe(after);
    expect(read.body.data.node.rating.votes).toBeGreaterThan(0);
  });

  it('shows an imported article on the next front page', async () => {
    await post(server, FRONT);
    await server.gql(
      IMPORT,
      { input: { text: 'Freshly Imported Story\n\nNov. 26, 2030\n\n"Hot off the press," said Amara Okafor.' } },
      { authorization: `Bearer ${EDITOR_KEY}` },
    );
    const { body } = await post(server, FRONT);
    expect(body.data.articles.edges[0].node.headline).toBe('Freshly Imported Story');
  });

  it('answers a lookup that found nothing again once an import creates the article', async () => {
    const lookup = '{ article(slug: "a-story-not-yet-written") { headline } }';
    expect((await post(server, lookup)).body.data.article).toBeNull();
    await server.gql(
      IMPORT,
      { input: { text: 'A Story Not Yet Written\n\nNov. 20, 2026\n\nIt is written now.' } },
      { authorization: `Bearer ${EDITOR_KEY}` },
    );
    expect((await post(server, lookup)).body.data.article).toEqual({ headline: 'A Story Not Yet Written' });
  });

  it("never serves viewerStars from another voter's response", async () => {
    const query = `{ node(id: "${articleIds[1]}") { ... on Article { rating { votes viewerStars } } } }`;
    await post(server, RATE, { input: { articleId: articleIds[1], stars: 4 } }, { 'x-voter-id': 'private-voter-a' });
    const mine = await post(server, query, undefined, { 'x-voter-id': 'private-voter-a' });
    expect(mine.body.data.node.rating.viewerStars).toBe(4);
    const theirs = await post(server, query, undefined, { 'x-voter-id': 'private-voter-b' });
    expect(theirs.body.data.node.rating.viewerStars).toBeNull();
    expect((await post(server, query, undefined, { 'x-voter-id': 'private-voter-a' })).body.data.node.rating.viewerStars).toBe(4);
  });

  it('answers GET queries (with CSRF prevention on), with an ETag and 304 Not Modified', async () => {
    const url = `${server.url}?query=${encodeURIComponent('{ sections { name count } }')}`;
    const refused = await fetch(url);
    expect(refused.status).toBe(400);
    const headers = { 'apollo-require-preflight': 'true' };
    const first = await fetch(url, { headers });
    expect(first.status).toBe(200);
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^".+"$/);
    expect(first.headers.get('cache-control')).toBe('max-age=60, public');
    const again = await fetch(url, { headers: { ...headers, 'if-none-match': etag! } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
  });

  it('answers automatic persisted queries by hash over GET', async () => {
    const query = '{ sections { name } }';
    const hash = createHash('sha256').update(query).digest('hex');
    const extensions = encodeURIComponent(JSON.stringify({ persistedQuery: { version: 1, sha256Hash: hash } }));
    const headers = { 'apollo-require-preflight': 'true' };
    const unknown = (await (await fetch(`${server.url}?extensions=${extensions}`, { headers })).json()) as any;
    expect(unknown.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    await fetch(`${server.url}?query=${encodeURIComponent(query)}&extensions=${extensions}`, { headers });
    const known = (await (await fetch(`${server.url}?extensions=${extensions}`, { headers })).json()) as any;
    expect(known.data.sections.length).toBeGreaterThan(0);
  });

  // Another process's writes are seen through SQLite's data_version (src/db/external-writes.ts). On
  // PostgreSQL the gateways tell each other through LISTEN/NOTIFY (tests/e2e/multi-instance.test.ts).
  itOnSqlite('drops what it holds when another process writes to the database (a CLI import, another gateway)', async () => {
    const page = `{ node(id: "${articleIds[1]}") { ... on Article { rating { votes } } } }`;
    const before = (await post(server, page)).body.data.node.rating.votes as number;
    await post(server, page);
    const other = createDataSource({ type: 'sqlite', database: server.databaseFile }, entities);
    await other.initialize();
    try {
      const articleId = Number(Buffer.from(articleIds[1], 'base64url').toString().split(':')[1]);
      await other.transaction((manager) => commitGroup(manager, [{ articleId, voterHash: 'f'.repeat(64), stars: 1 }]));
    } finally {
      await other.destroy();
    }
    expect((await post(server, page)).body.data.node.rating.votes).toBe(before + 1);
  });

  it('drops a lookup that selects no field of what it found when that changes (a quote removed by a re-import)', async () => {
    const sourceUrl = 'https://example.com/quote-removed';
    const editor = { authorization: `Bearer ${EDITOR_KEY}` };
    await server.gql(
      IMPORT,
      { input: { sourceUrl, text: 'Quote Soon Removed\n\nNov. 2, 2026\n\n"Gone tomorrow," said Amara Okafor.' } },
      editor,
    );
    const { article } = await server.data('{ article(slug: "quote-soon-removed") { quotes { id } } }');
    const lookup = `{ quote(id: "${article.quotes[0].id}") { __typename } node(id: "${article.quotes[0].id}") { __typename } }`;
    expect((await post(server, lookup)).body.data.quote).toEqual({ __typename: 'Quote' });
    await server.gql(IMPORT, { input: { sourceUrl, text: 'Quote Soon Removed\n\nNov. 2, 2026\n\nNo quote any more.' } }, editor);
    expect((await post(server, lookup)).body.data).toEqual({ quote: null, node: null });
  });

  it('never answers from the cache a GET that CSRF prevention refuses', async () => {
    const url = `${server.url}?query=${encodeURIComponent('{ sections { count } }')}`;
    expect((await fetch(url, { headers: { 'apollo-require-preflight': 'true' } })).status).toBe(200);
    expect((await fetch(url)).status).toBe(400);
  });

  itOnSqlite('serves nothing stale to requests arriving together right after another process wrote', async () => {
    const other = createDataSource({ type: 'sqlite', database: server.databaseFile }, entities);
    await other.initialize();
    try {
      const articleId = Number(Buffer.from(articleIds[0], 'base64url').toString().split(':')[1]);
      const page = `{ node(id: "${articleIds[0]}") { ... on Article { headline } } }`;
      for (let round = 0; round < 5; round += 1) {
        await Promise.all([post(server, page), post(server, '{ sections { name count } }')]);
        await Promise.all([post(server, page), post(server, '{ sections { name count } }')]);
        await other.query('UPDATE article SET headline = ? WHERE id = ?', [`Changed elsewhere ${round}`, articleId]);
        const [read] = await Promise.all([post(server, page), post(server, '{ sections { name count } }')]);
        expect(read.body.data.node.headline).toBe(`Changed elsewhere ${round}`);
      }
    } finally {
      await other.destroy();
    }
  });

  it('leaves responses with errors, and requests asking for their cost, uncached', async () => {
    const broken = '{ article(id: "not-an-id") { headline } }';
    await post(server, broken);
    const before = hits();
    expect((await post(server, broken)).body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(hits()).toBe(before);
    const costed = await post(server, FRONT, undefined, { 'x-query-cost': 'true' });
    expect(costed.body.extensions.cost.requested).toBeGreaterThan(0);
    expect(hits()).toBe(before);
  });
});

describe('response cache switched off', () => {
  it('serves every read from the database (NEWSGATE_RESPONSE_CACHE=false)', async () => {
    const server = await startTestGateway({ responseCache: { enabled: false, maxBytes: 1 } });
    try {
      expect(server.gateway.responseCache).toBeNull();
      server.gateway.queryCounter.reset();
      await post(server, FRONT);
      const once = server.gateway.queryCounter.statements;
      await post(server, FRONT);
      expect(server.gateway.queryCounter.statements).toBe(2 * once);
    } finally {
      await server.close();
    }
  });
});
