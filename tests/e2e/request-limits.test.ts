import fs from 'node:fs';
import path from 'node:path';
import { getIntrospectionQuery } from 'graphql';
import { loadConfig } from '../../src/config';
import { encodeGlobalId } from '../../src/shared/global-id';
import { EDITOR_KEY, startTestGateway, type TestGateway } from '../support/test-gateway';

const DEFAULTS = loadConfig({ NODE_ENV: 'production' }).limits;

interface RawResponse {
  status: number;
  headers: Headers;
  body: any;
}

async function post(url: string, body: unknown, headers: Record<string, string> = {}): Promise<RawResponse> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, headers: response.headers, body: await response.json() };
}

const repeat = (count: number, make: (index: number) => string) => Array.from({ length: count }, (_, index) => make(index)).join(' ');

/** `articles { people { articles { people … } } }`, `levels` times. */
function fanOut(levels: number, first = 1): string {
  let selection = 'name';
  for (let level = 0; level < levels; level += 1) selection = `articles(first: ${first}) { edges { node { people { ${selection} } } } }`;
  return `{ ${selection} }`;
}

describe('request limits, with the documented defaults', () => {
  let server: TestGateway;
  beforeAll(async () => {
    server = await startTestGateway({ limits: DEFAULTS });
  });
  afterAll(() => server.close());

  it('has defaults that refuse the twelve-level fan-out and let every README example through', async () => {
    const readme = fs.readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');
    const examples = [...readme.matchAll(/```graphql\n([\s\S]*?)```/g)].map((match) => match[1]);
    expect(examples.length).toBeGreaterThanOrEqual(4);
    for (const query of examples) {
      const result = await post(server.url, { query }, { authorization: `Bearer ${EDITOR_KEY}` });
      expect({ query, status: result.status, errors: result.body.errors }).toEqual({ query, status: 200, errors: undefined });
    }
    const bomb = await post(server.url, { query: fanOut(12) });
    expect(bomb.status).toBe(400);
    expect(['QUERY_TOO_DEEP', 'QUERY_TOO_COSTLY']).toContain(bomb.body.errors[0].extensions.code);
  });

  it('refuses a query deeper than MAX_DEPTH, also when the depth hides in fragments', async () => {
    const deep = await post(server.url, { query: fanOut(5) });
    expect(deep.status).toBe(400);
    expect(deep.body.errors[0].extensions).toMatchObject({ code: 'QUERY_TOO_DEEP', limit: DEFAULTS.maxDepth });
    expect(deep.body.errors[0].extensions.found).toBeGreaterThan(DEFAULTS.maxDepth);

    const fragments = `{ articles(first: 1) { ...A } }
      fragment A on ArticleConnection { edges { node { people { ...P } } } }
      fragment P on Person { articles(first: 1) { edges { node { people { ...Q } } } } }
      fragment Q on Person { articles(first: 1) { edges { node { people { ...R } } } } }
      fragment R on Person { articles(first: 1) { edges { node { people { ...S } } } } }
      fragment S on Person { articles(first: 1) { edges { node { people { name } } } } }`;
    const hidden = await post(server.url, { query: fragments });
    expect(hidden.status).toBe(400);
    expect(hidden.body.errors[0].extensions.code).toBe('QUERY_TOO_DEEP');
  });

  it('refuses introspection nested past the limits', async () => {
    let selection = 'name';
    for (let level = 0; level < 6; level += 1) selection = `fields { type { ${selection} } }`;
    const result = await post(server.url, { query: `{ __schema { types { ${selection} } } }` });
    expect(result.status).toBe(400);
    expect(['QUERY_TOO_DEEP', 'QUERY_TOO_COSTLY']).toContain(result.body.errors[0].extensions.code);
  });

  it('counts cost per the published model and reports it: connections multiply by first/last, lists by their estimate', async () => {
    // 100 articles × 10 people × 100 articles: far over any budget, refused before any SQL runs.
    const before = server.gateway.queryCounter.statements;
    const costly = await post(server.url, {
      query: '{ articles(first: 100) { edges { node { people { articles(first: 100) { edges { node { headline } } } } } } } }',
    });
    expect(costly.status).toBe(400);
    expect(costly.body.errors[0].extensions).toMatchObject({ code: 'QUERY_TOO_COSTLY', limit: DEFAULTS.maxCost });
    // articles: 1 + 100 × edges; edges: 1 + node; node: 1 + people; people: 1 + 10 × articles; articles: 1 + 100 × (edges 1 + node 1 + headline 1).
    expect(costly.body.errors[0].extensions.cost).toBe(1 + 100 * (1 + (1 + (1 + 10 * (1 + 100 * (1 + (1 + 1)))))));
    expect(server.gateway.queryCounter.statements).toBe(before);

    // The same cost through a variable is seen too: the check runs with the request's variables.
    const viaVariable = await post(server.url, {
      query: 'query($n: Int) { articles(first: $n) { edges { node { people { articles(first: $n) { edges { node { headline } } } } } } } }',
      variables: { n: 100 },
    });
    expect(viaVariable.body.errors[0].extensions.code).toBe('QUERY_TOO_COSTLY');

    // Inline fragments on an interface count where they are spread.
    const inline = await post(server.url, {
      query:
        '{ nodes(ids: ["UGVyc29uOjE=", "UGVyc29uOjI="]) { ... on Person { articles(first: 100) { edges { node { people { articles(first: 100) { edges { node { id } } } } } } } } } }',
    });
    expect(inline.status).toBe(400);
    expect(inline.body.errors[0].extensions.code).toBe('QUERY_TOO_COSTLY');

    const asked = await post(
      server.url,
      { query: '{ articles(first: 5) { edges { node { headline people { name } } } } }' },
      { 'x-query-cost': 'true' },
    );
    expect(asked.status).toBe(200);
    expect(asked.body.extensions.cost).toEqual({ requested: 1 + 5 * (1 + 1 * (1 + 1 + (1 + 10 * 1))), limit: DEFAULTS.maxCost });
    const notAsked = await post(server.url, { query: '{ articles(first: 5) { edges { node { headline } } } }' });
    expect(notAsked.body.extensions).toBeUndefined();
  });

  it('costs one document again for other variables, and the same for the same ones (costs are remembered per variables)', async () => {
    const query = 'query($n: Int) { articles(first: $n) { edges { node { headline } } } }';
    const costOf = async (n: number) =>
      (await post(server.url, { query, variables: { n } }, { 'x-query-cost': 'true' })).body.extensions.cost.requested as number;
    const five = await costOf(5);
    const fifty = await costOf(50);
    expect(fifty).toBeGreaterThan(five);
    expect(await costOf(5)).toBe(five);
    // Variables the operation does not declare cost nothing and change nothing.
    const undeclared = await post(server.url, { query, variables: { n: 50, junk: 'x'.repeat(500) } }, { 'x-query-cost': 'true' });
    expect(undeclared.body.extensions.cost.requested).toBe(fifty);
    // Remembered or not, an operation over the limit is refused every time.
    for (let round = 0; round < 2; round += 1) {
      const refused = await post(server.url, {
        query: 'query($n: Int) { articles(first: $n) { edges { node { people { articles(first: $n) { edges { node { id } } } } } } } }',
        variables: { n: 100 },
      });
      expect(refused.body.errors[0].extensions.code).toBe('QUERY_TOO_COSTLY');
    }
  });

  it('refuses an operation it cannot cost instead of running it uncosted', async () => {
    // An explicit null for a defaulted variable fails only its own field in execution: the rest
    // (here far over the budget) would run if the cost check let it through.
    const result = await post(server.url, {
      query:
        'query($id: ID = "QXJ0aWNsZTox") { bad: node(id: $id) { id } articles(first: 100) { edges { node { people { articles(first: 100) { edges { node { headline } } } } } } } }',
      variables: { id: null },
    });
    expect(result.status).toBe(400);
    expect(result.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(result.body.data).toBeUndefined();
  });

  it('costs first: 0 as one row, totalCount at 10 and full-text or rating scans with a surcharge of 50', async () => {
    const zero = await post(server.url, { query: '{ articles(first: 0) { totalCount } }' }, { 'x-query-cost': 'true' });
    expect(zero.body.extensions.cost.requested).toBe(1 + 1 * 10);
    const search = await post(server.url, { query: '{ search(query: "peace", first: 0) { totalCount } }' }, { 'x-query-cost': 'true' });
    expect(search.body.extensions.cost.requested).toBe(1 + 50 + 1 * 10);
  });

  it('answers limit rejections with 400 even to clients that prefer application/json', async () => {
    const result = await post(server.url, { query: fanOut(12) }, { accept: 'application/json' });
    expect(result.status).toBe(400);
    expect(result.body.errors[0].extensions.code).toBe('QUERY_TOO_DEEP');
  });

  it('refuses too many aliases, root fields, directives and tokens with their codes', async () => {
    const aliases = await post(server.url, {
      query: `{ articles(first: 1) { edges { node { ${repeat(DEFAULTS.maxAliases + 1, (i) => `a${i}: headline`)} } } } }`,
    });
    expect(aliases.status).toBe(400);
    expect(aliases.body.errors[0].extensions).toMatchObject({ code: 'TOO_MANY_ALIASES', limit: DEFAULTS.maxAliases });

    const roots = await post(server.url, {
      query: `{ ${repeat(DEFAULTS.maxRootFields + 1, () => '__typename')} }`,
    });
    expect(roots.status).toBe(400);
    expect(roots.body.errors[0].extensions).toMatchObject({ code: 'TOO_MANY_ROOT_FIELDS', limit: DEFAULTS.maxRootFields });

    // Spread over repeated fields (a directive may appear once per field), which merge into one.
    const pairs = Math.ceil((DEFAULTS.maxDirectives + 1) / 2);
    const directives = await post(server.url, {
      query: `{ articles(first: 1) { edges { node { ${repeat(pairs, () => 'headline @include(if: true) @skip(if: false)')} } } } }`,
    });
    expect(directives.status).toBe(400);
    expect(directives.body.errors[0].extensions).toMatchObject({ code: 'TOO_MANY_DIRECTIVES', limit: DEFAULTS.maxDirectives });

    const tokens = await post(server.url, { query: `{ __typename ${repeat(DEFAULTS.maxTokens, () => '__typename')} }` });
    expect(tokens.status).toBe(400);
    expect(tokens.body.errors[0].extensions).toEqual({ code: 'TOO_MANY_TOKENS', limit: DEFAULTS.maxTokens });
  });

  it('refuses bodies over MAX_BODY_BYTES, but lets an editor send a whole article', async () => {
    const padding = 'x'.repeat(DEFAULTS.maxBodyBytes);
    const large = await post(server.url, { query: '{ __typename }', variables: { padding } });
    expect(large.status).toBe(413);
    expect(large.body.errors[0].extensions).toEqual({ code: 'PAYLOAD_TOO_LARGE', limit: DEFAULTS.maxBodyBytes });

    const wrongKey = await post(
      server.url,
      { query: '{ __typename }', variables: { padding } },
      { authorization: 'Bearer not-an-editor-key-000' },
    );
    expect(wrongKey.status).toBe(413);

    const paragraphs = Array.from(
      { length: 1200 },
      (_, i) => `Paragraph ${i} of a long report on the harbour works, which the council approved on Monday.`,
    );
    const text = `Harbour Works Approved After Long Debate\n\nJan. 30, 2026\n\n${paragraphs.join('\n\n')}`;
    expect(Buffer.byteLength(text)).toBeGreaterThan(DEFAULTS.maxBodyBytes);
    const editor = await post(
      server.url,
      { query: 'query($input: ImportArticleInput!) { previewImport(input: $input) { headline } }', variables: { input: { text } } },
      { authorization: `Bearer ${EDITOR_KEY}` },
    );
    expect(editor.status).toBe(200);
    expect(editor.body.data.previewImport.headline).toBe('Harbour Works Approved After Long Debate');
  });

  it('lets the standard introspection query through when introspection is on', async () => {
    const result = await post(server.url, { query: getIntrospectionQuery({ descriptions: true, inputValueDeprecation: true }) });
    expect(result.status).toBe(200);
    expect(result.body.errors).toBeUndefined();
  });
});

describe('the operation deadline', () => {
  it('runs a mutation that started to the end, so its answer says what it wrote', async () => {
    const server = await startTestGateway({ limits: { ...DEFAULTS, operationTimeoutMs: 15 } });
    try {
      // Read straight from the database: a first query on a cold gateway can itself run past 15 ms.
      const [{ id }] = await server.gateway.dataSource.query('SELECT id FROM article ORDER BY id LIMIT 1');
      const articleId = encodeGlobalId('Article', id);
      const fields = Array.from(
        { length: 20 },
        (_, i) => `v${i}: rateArticle(input: { articleId: "${articleId}", stars: ${1 + (i % 5)} }) { rating { votes } }`,
      );
      let reported = 0;
      let timedOut = 0;
      // Each request is one voter voting 20 times in a row; some requests run past 15 ms.
      for (let request = 0; request < 10; request += 1) {
        const result = await post(server.url, { query: `mutation { ${fields.join(' ')} }` }, { 'x-voter-id': `deadline-voter-${request}` });
        const data = result.body.data ?? {};
        if (Object.values(data).some((value) => value !== null)) reported += 1;
        timedOut += (result.body.errors ?? []).filter((error: any) => error.extensions.code === 'TIMEOUT').length;
      }
      // Every voter whose vote was written is reported as written, and none that was not. Counted in the
      // database: a read through this gateway would itself run against the 15 ms deadline.
      const [{ votes }] = await server.gateway.dataSource.query('SELECT COUNT(*) AS votes FROM vote');
      expect(Number(votes)).toBe(reported);
      expect(reported + timedOut).toBeGreaterThan(0);
    } finally {
      await server.close();
    }
  });

  it('stops an operation past OPERATION_TIMEOUT_MS: TIMEOUT, HTTP 503, and no SQL after the deadline', async () => {
    const server = await startTestGateway({ limits: { ...DEFAULTS, operationTimeoutMs: 1 } });
    try {
      const before = server.gateway.queryCounter.statements;
      const result = await post(server.url, {
        query: '{ articles(first: 20) { edges { node { people { articles(first: 2) { edges { node { quotes { text } } } } } } } } }',
      });
      expect(result.status).toBe(503);
      expect(result.body).toEqual({
        data: null,
        errors: [{ message: 'The operation ran past its 1 ms deadline and was stopped.', extensions: { code: 'TIMEOUT', timeoutMs: 1 } }],
      });
      // The root list may have been sent before the deadline; nothing nested under it was.
      expect(server.gateway.queryCounter.statements - before).toBeLessThanOrEqual(1);
    } finally {
      await server.close();
    }
  });
});
