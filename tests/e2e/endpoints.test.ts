import pino from 'pino';
import { EDITOR_KEY, startTestGateway, type TestGateway } from '../support/test-gateway';

/** The operator's endpoints beside /graphql, and the log line of each GraphQL request, over HTTP. */
describe('operator endpoints and request logs', () => {
  let server: TestGateway;
  const lines: Record<string, unknown>[] = [];
  const at = (path: string) => server.url.replace('/graphql', path);
  const post = (body: object, headers: Record<string, string> = {}) =>
    fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  const json = async (response: Response) => (await response.json()) as any;
  /** The value of one sample in /metrics, or undefined when the series is absent. */
  const sample = async (series: string) => {
    const text = await (await fetch(at('/metrics'))).text();
    const line = text.split('\n').find((candidate) => candidate.startsWith(`${series} `));
    return line === undefined ? undefined : Number(line.slice(series.length + 1));
  };

  beforeAll(async () => {
    const log = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line)) });
    server = await startTestGateway({}, log);
  });
  afterAll(() => server.close());

  it('/healthz says the process is up; /readyz that the database answers and is migrated', async () => {
    const health = await fetch(at('/healthz'));
    expect([health.status, await health.json()]).toEqual([200, { status: 'ok' }]);
    const ready = await fetch(at('/readyz'));
    expect([ready.status, ready.headers.get('cache-control'), await ready.json()]).toEqual([200, 'no-store', { status: 'ready' }]);
  });

  it('counts requests per operation, cache hits, errors per code, votes and SQL in /metrics', async () => {
    const front = { query: 'query FrontPage { articles(first: 1) { edges { node { id headline } } } }', operationName: 'FrontPage' };
    const first = await json(await post(front));
    await post(front);
    const articleId = first.data.articles.edges[0].node.id;
    const vote = (stars: number, voter: string) =>
      post(
        {
          query: 'mutation Vote($input: RateArticleInput!) { rateArticle(input: $input) { rating { votes } } }',
          variables: { input: { articleId, stars } },
        },
        { 'x-voter-id': voter },
      );
    expect((await json(await vote(4, 'metrics-voter-1'))).errors).toBeUndefined();
    expect((await json(await vote(9, 'metrics-voter-2'))).errors[0].extensions.code).toBe('BAD_USER_INPUT');
    await post({ query: '{ nope }' });

    const response = await fetch(at('/metrics'));
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(await sample('newsgate_graphql_requests_total{operation="FrontPage",type="query",status="200"}')).toBe(2);
    expect(await sample('newsgate_graphql_request_duration_seconds_count{operation="FrontPage",type="query"}')).toBe(2);
    expect(await sample('newsgate_response_cache_requests_total{result="hit"}')).toBe(1);
    expect(await sample('newsgate_votes_total{outcome="accepted"}')).toBe(1);
    expect(await sample('newsgate_votes_total{outcome="refused"}')).toBe(1);
    expect(await sample('newsgate_graphql_errors_total{code="BAD_USER_INPUT"}')).toBe(1);
    expect(await sample('newsgate_graphql_errors_total{code="GRAPHQL_VALIDATION_FAILED"}')).toBe(1);
    expect(await sample('newsgate_graphql_requests_total{operation="none",type="none",status="400"}')).toBe(1);
    expect(await sample('newsgate_sql_statement_duration_seconds_count{outcome="ok"}')).toBeGreaterThan(2);
    expect(await sample('newsgate_process_resident_memory_bytes')).toBeGreaterThan(0);
  });

  it('counts neither CORS preflights nor the landing page as GraphQL requests', async () => {
    const none = 'newsgate_graphql_requests_total{operation="none",type="none",status="204"}';
    const before = (await sample('newsgate_graphql_request_duration_seconds_count{operation="none",type="none"}')) ?? 0;
    const preflight = await fetch(server.url, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://news.example.com',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      },
    });
    expect(preflight.status).toBe(204);
    const landing = await fetch(server.url, { headers: { accept: 'text/html' } });
    expect(await landing.text()).toContain('<html');
    expect(await sample(none)).toBeUndefined();
    expect((await sample('newsgate_graphql_request_duration_seconds_count{operation="none",type="none"}')) ?? 0).toBe(before);
  });

  it('logs one line per GraphQL request with its id, operation, status, duration and error codes, and nothing of the client', async () => {
    lines.length = 0;
    const response = await post(
      { query: 'query Lookup($slug: String!) { article(slug: $slug) { id } }', variables: { slug: 'secret-slug-in-variables' } },
      { 'x-voter-id': 'private-voter-token', 'user-agent': 'private-agent' },
    );
    await response.json();
    await new Promise((resolve) => setImmediate(resolve));
    const requests = lines.filter((line) => line.msg === 'graphql request');
    expect(requests).toEqual([
      expect.objectContaining({
        level: 30,
        requestId: response.headers.get('x-request-id'),
        operationName: 'Lookup',
        operationType: 'query',
        status: 200,
        durationMs: expect.any(Number),
      }),
    ]);
    const text = JSON.stringify(requests);
    for (const secret of ['secret-slug-in-variables', 'private-voter-token', 'private-agent', '127.0.0.1'])
      expect(text).not.toContain(secret);

    lines.length = 0;
    await (await post({ query: '{ article(slug: 5) { id } }' })).json();
    await new Promise((resolve) => setImmediate(resolve));
    expect(lines.filter((line) => line.msg === 'graphql request')).toEqual([
      expect.objectContaining({ status: 400, errorCodes: ['GRAPHQL_VALIDATION_FAILED'] }),
    ]);
  });

  it("counts each request's own SQL statements in its line (LOG_SQL_STATEMENTS, on outside production), concurrent requests apart", async () => {
    lines.length = 0;
    // An alias per run, so that the response cache answers none of them.
    const shapes: Record<string, (run: number) => string> = {
      Light: (run) => `query Light { r${run}: articles(first: 1) { edges { node { id } } } }`,
      Heavy: (run) =>
        `query Heavy { r${run}: articles(first: 3) { edges { node { id people { name } quotes { text } rating { votes } } } } }`,
    };
    // An editor's request (Authorization) goes through Express rather than the fast path.
    const run = async (name: string, index: number, editor = false) => {
      const body = await json(
        await post({ query: shapes[name](index), operationName: name }, editor ? { authorization: `Bearer ${EDITOR_KEY}` } : {}),
      );
      expect(body.errors).toBeUndefined();
    };
    // Each shape alone first, to know its count; then six at once, two of them by Express.
    const alone: Record<string, number> = {};
    for (const name of Object.keys(shapes)) {
      server.gateway.queryCounter.reset();
      await run(name, 0);
      alone[name] = server.gateway.queryCounter.statements;
    }
    expect(alone.Heavy).toBeGreaterThan(alone.Light);
    await Promise.all(['Light', 'Heavy', 'Light', 'Heavy', 'Light', 'Heavy'].map((name, index) => run(name, index + 1, index >= 4)));
    await new Promise((resolve) => setImmediate(resolve));
    const logged = lines.filter((line) => line.msg === 'graphql request').map((line) => [line.operationName, line.sqlStatements]);
    expect(logged).toHaveLength(8);
    for (const [name, statements] of logged) expect(statements).toBe(alone[name as string]);
  });
});

describe('SQL statements of votes in the request log', () => {
  it('counts a group commit once, in one of its votes, and every other statement in its own request', async () => {
    const lines: Record<string, unknown>[] = [];
    const log = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line)) });
    const server = await startTestGateway({}, log);
    try {
      const articleId = (await server.data('{ articles(first: 1) { edges { node { id } } } }')).articles.edges[0].node.id;
      const vote = (voter: string) =>
        server.data(
          'mutation Vote($input: RateArticleInput!) { rateArticle(input: $input) { article { id rating { votes viewerStars } } } }',
          { input: { articleId, stars: 3 } },
          { 'x-voter-id': voter },
        );
      await new Promise((resolve) => setImmediate(resolve));
      lines.length = 0;
      server.gateway.queryCounter.reset();
      await Promise.all(['vote-log-1', 'vote-log-2', 'vote-log-3', 'vote-log-4'].map(vote));
      await new Promise((resolve) => setImmediate(resolve));
      const counts = lines.filter((line) => line.msg === 'graphql request').map((line) => line.sqlStatements as number);
      expect(counts).toHaveLength(4);
      // Nothing lost (a commit counted after its request's line) and nothing counted twice.
      expect(counts.reduce((sum, count) => sum + count, 0)).toBe(server.gateway.queryCounter.statements);
      for (const count of counts) expect(count).toBeGreaterThan(0);
    } finally {
      await server.close();
    }
  });
});

describe('request log in production', () => {
  it('leaves the SQL statement count out unless LOG_SQL_STATEMENTS is set (it costs throughput)', async () => {
    const lines: Record<string, unknown>[] = [];
    const log = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line)) });
    const server = await startTestGateway({ nodeEnv: 'production', logSqlStatements: false }, log);
    try {
      await server.data('{ articles(first: 1) { edges { node { id } } } }');
      await new Promise((resolve) => setImmediate(resolve));
      const [line] = lines.filter((candidate) => candidate.msg === 'graphql request');
      expect(line).toEqual(expect.objectContaining({ status: 200 }));
      expect(line).not.toHaveProperty('sqlStatements');
    } finally {
      await server.close();
    }
  });
});
