import { Writable } from 'node:stream';
import pino from 'pino';
import { loadConfig } from '../../src/config';
import { startGateway } from '../../src/server/app';
import { EDITOR_KEY, startTestGateway, type TestGateway } from '../support/test-gateway';

/** A gateway in production mode whose log lines (at trace, the most talkative level) land in `lines`. */
async function productionGateway(overrides: Parameters<typeof startTestGateway>[0] = {}) {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...chunk.toString().split('\n').filter(Boolean));
      done();
    },
  });
  const log = pino({ level: 'trace' }, sink);
  // startTestGateway makes the temp database; start a second gateway on it with the capturing logger.
  const base = await startTestGateway({ nodeEnv: 'production', ...overrides });
  await base.gateway.close();
  const config = {
    ...loadConfig({ NODE_ENV: 'production' }),
    port: 0,
    host: '127.0.0.1',
    database: base.database,
    voterSalt: 'test-salt-0123456789abcdef',
    editorKeys: [EDITOR_KEY],
    trustProxyHops: 1,
    ...overrides,
  };
  const gateway = await startGateway(config, log);
  const post = async (body: unknown, headers: Record<string, string> = {}) => {
    const response = await fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
    return { status: response.status, headers: response.headers, body: (await response.json()) as any };
  };
  return {
    gateway,
    lines,
    post,
    async close() {
      await gateway.close();
      await base.close();
    },
  };
}

describe('production mode', () => {
  let server: Awaited<ReturnType<typeof productionGateway>>;
  beforeAll(async () => {
    server = await productionGateway();
  });
  afterAll(() => server.close());

  it('gives no field suggestions', async () => {
    const result = await server.post({ query: '{ articles { edges { node { headlin } } } }' });
    expect(result.status).toBe(400);
    expect(result.body.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(JSON.stringify(result.body)).not.toMatch(/Did you mean|headline/);
  });

  it('gives no suggestions for mistyped variables either', async () => {
    const results = [
      await server.post({ query: 'query($o: ArticleOrder) { articles(orderBy: $o) { totalCount } }', variables: { o: 'RATING_DES' } }),
      await server.post({ query: 'query($f: ArticleFilter) { articles(filter: $f) { totalCount } }', variables: { f: { sectio: 'x' } } }),
    ];
    for (const result of results) {
      expect(result.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
      expect(result.body.errors[0].message).not.toMatch(/Did you mean|RATING_DESC|"section"/);
    }
  });

  it('answers no introspection', async () => {
    const result = await server.post({ query: '{ __schema { types { name } } }' });
    expect(result.status).toBe(400);
    expect(result.body.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(result.body.data).toBeUndefined();
    expect(result.body.errors[0].message).toBe('Introspection is switched off.');
    expect(result.headers.get('x-powered-by')).toBeNull();
  });

  it('masks internal errors, with a request id that names the full log line', async () => {
    await server.gateway.dataSource.query('ALTER TABLE article_rating RENAME TO rating_moved');
    try {
      const result = await server.post({ query: '{ articles(first: 1) { edges { node { rating { votes } } } } }' });
      const error = result.body.errors[0];
      expect(error.message).toBe('Internal server error');
      expect(error.extensions.code).toBe('INTERNAL_SERVER_ERROR');
      expect(error.extensions.stacktrace).toBeUndefined();
      expect(JSON.stringify(result.body)).not.toMatch(/article_rating|SQLITE|SELECT/i);
      expect(error.extensions.requestId).toMatch(/^[0-9a-f-]{36}$/);
      expect(result.headers.get('x-request-id')).toBe(error.extensions.requestId);
      const logged = server.lines.map((line) => JSON.parse(line)).find((entry) => entry.msg === 'unexpected error');
      expect(logged).toMatchObject({ requestId: error.extensions.requestId });
      expect(JSON.stringify(logged.err)).toMatch(/no such table: article_rating|relation \\"article_rating\\" does not exist/);
    } finally {
      await server.gateway.dataSource.query('ALTER TABLE rating_moved RENAME TO article_rating');
    }
  });

  it('never writes editor keys, voter ids or client addresses to the log or to error messages', async () => {
    const voterId = 'secret-voter-token-4f9a2c';
    const address = '203.0.113.77';
    const wrongKey = 'wrong-editor-key-9d8c7b6a5f';
    const { body: first } = await server.post({ query: '{ articles(first: 1) { edges { node { id } } } }' });
    const articleId = first.data.articles.edges[0].node.id;
    const responses = [
      await server.post(
        {
          query: 'mutation($input: RateArticleInput!) { rateArticle(input: $input) { rating { votes viewerStars } } }',
          variables: { input: { articleId, stars: 4 } },
        },
        { 'x-voter-id': voterId, 'x-forwarded-for': address },
      ),
      await server.post(
        {
          query: 'mutation($input: RateArticleInput!) { rateArticle(input: $input) { rating { votes } } }',
          variables: { input: { articleId, stars: 9 } },
        },
        { 'x-voter-id': voterId, 'x-forwarded-for': address },
      ),
      await server.post(
        { query: 'mutation { rateArticle(input: { articleId: "x", stars: 1 }) { rating { votes } } }' },
        { 'x-voter-id': 'bad id!' },
      ),
      await server.post(
        {
          query: 'query($input: ImportArticleInput!) { previewImport(input: $input) { headline } }',
          variables: { input: { text: 'A Headline\n\nA paragraph.' } },
        },
        { authorization: `Bearer ${wrongKey}`, 'x-forwarded-for': address },
      ),
      await server.post(
        {
          query: 'query($input: ImportArticleInput!) { previewImport(input: $input) { headline } }',
          variables: { input: { text: 'A Headline\n\nA paragraph.' } },
        },
        { authorization: `Bearer ${EDITOR_KEY}`, 'x-forwarded-for': address },
      ),
    ];
    expect(responses[0].body.data.rateArticle.rating.viewerStars).toBe(4);
    expect(responses[3].body.errors[0].extensions.code).toBe('FORBIDDEN');
    expect(responses[4].body.data.previewImport.headline).toBe('A Headline');
    // Something was logged (the SQL at trace level), and none of it names the secrets.
    expect(server.lines.length).toBeGreaterThan(5);
    const everything = server.lines.join('\n') + JSON.stringify(responses.map((response) => response.body));
    for (const secret of [voterId, address, wrongKey, EDITOR_KEY]) expect(everything).not.toContain(secret);
  });
});

describe('production mode with NEWSGATE_INTROSPECTION=true', () => {
  let server: TestGateway;
  beforeAll(async () => {
    server = await startTestGateway({ nodeEnv: 'production', introspection: true });
  });
  afterAll(() => server.close());

  it('answers introspection, still without suggestions', async () => {
    const { __schema } = await server.data('{ __schema { queryType { name } } }');
    expect(__schema.queryType.name).toBe('Query');
    const typo = await server.gql('{ articles { edges { node { headlin } } } }');
    expect(JSON.stringify(typo)).not.toMatch(/Did you mean/);
  });
});

describe('development mode', () => {
  let server: TestGateway;
  beforeAll(async () => {
    server = await startTestGateway({ nodeEnv: 'development' });
  });
  afterAll(() => server.close());

  it('keeps suggestions, which help while writing queries', async () => {
    const typo = await server.gql('{ articles { edges { node { headlin } } } }');
    expect(typo.errors?.[0].message).toMatch(/Did you mean "headline"/);
  });
});
