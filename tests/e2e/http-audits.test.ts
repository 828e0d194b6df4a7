import { type AuditResult, serverAudits } from 'graphql-http';
import { type GraphQLResponse, startTestGateway, type TestGateway } from '../support/test-gateway';

/** What failed, one line each, for the assertion message. */
function describeFailures(results: AuditResult[]): string {
  return results
    .map((result) => `${result.status.toUpperCase()} ${result.name} (${result.id}): ${'reason' in result ? result.reason : ''}`)
    .join('\n');
}

describe('GraphQL over HTTP conformance (graphql-http server audits)', () => {
  let server: TestGateway;
  beforeAll(async () => {
    server = await startTestGateway();
  });
  afterAll(() => server.close());

  it('passes every audit without errors or warnings', async () => {
    const audits = serverAudits({ url: server.url, fetchFn: fetch });
    expect(audits.length).toBeGreaterThan(30);
    const results: AuditResult[] = [];
    for (const audit of audits) results.push(await audit.fn());
    const failures = results.filter((result) => result.status === 'error' || result.status === 'warn');
    expect({ failures: failures.length, details: describeFailures(failures) }).toEqual({ failures: 0, details: '' });
  });

  describe('request errors answer 200 only to clients that explicitly prefer application/json', () => {
    const post = (body: unknown, accept?: string) =>
      fetch(server.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(accept === undefined ? {} : { accept }) },
        body: JSON.stringify(body),
      });

    const requestErrors: [string, unknown][] = [
      ['a parse error', { query: '{ articles(' }],
      ['a validation error', { query: '{ noSuchField }' }],
      [
        'variables that do not coerce',
        { query: 'query($first: Int) { articles(first: $first) { totalCount } }', variables: { first: 'ten' } },
      ],
    ];

    it.each(requestErrors)('%s: 200 for Accept: application/json', async (_name, body) => {
      const response = await post(body, 'application/json');
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
      const result = (await response.json()) as GraphQLResponse;
      expect(result.errors?.length).toBeGreaterThan(0);
      expect(result).not.toHaveProperty('data');
    });

    it.each(
      requestErrors.flatMap(([name, body]) =>
        [
          undefined,
          '*/*',
          'application/*',
          'application/graphql-response+json',
          'application/json, application/graphql-response+json',
          'application/json;q=0.5, */*',
        ].map((accept) => [name, accept ?? '(none)', body, accept] as const),
      ),
    )('%s: 400 for Accept: %s', async (_name, _shown, body, accept) => {
      const response = await post(body, accept);
      expect(response.status).toBe(400);
      const result = (await response.json()) as GraphQLResponse;
      expect(result.errors?.length).toBeGreaterThan(0);
    });

    it('keeps malformed requests (no query) at 400 even for application/json', async () => {
      const response = await post({ qeury: '{ __typename }' }, 'application/json');
      expect(response.status).toBe(400);
    });

    it('keeps field errors (a response with data) at their own status', async () => {
      const response = await post({ query: '{ articles(first: 1, after: "bogus") { totalCount } }' }, 'application/json');
      expect(response.status).toBe(200);
      const result = (await response.json()) as GraphQLResponse;
      expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    });

    it('rejects an over-limit query with 400 for every client that does not explicitly ask for application/json', async () => {
      // Far deeper than any configured depth limit, one related article per level (no fan-out,
      // so even a server without limits answers it quickly).
      let selection = 'headline';
      for (let level = 0; level < 40; level += 1) selection = `relatedArticles(first: 1) { ${selection} }`;
      const query = `{ articles(first: 1) { edges { node { ${selection} } } } }`;
      for (const accept of [undefined, '*/*', 'application/graphql-response+json']) {
        const response = await post({ query }, accept);
        const result = (await response.json()) as GraphQLResponse;
        expect({ accept, status: response.status }).toEqual({ accept, status: 400 });
        expect(result.errors?.length).toBeGreaterThan(0);
        expect(result).not.toHaveProperty('data');
      }
      const legacy = await post({ query }, 'application/json');
      expect([200, 400]).toContain(legacy.status);
      expect(((await legacy.json()) as GraphQLResponse).errors?.length).toBeGreaterThan(0);
    });
  });
});
