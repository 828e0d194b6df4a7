import pino from 'pino';
import { startTestGateway, type TestGateway } from '../support/test-gateway';

/** A database fault mid-query: masked for the client, logged as itself (not as a fault in formatting it). */
describe('unexpected errors', () => {
  let server: TestGateway;
  const lines: Record<string, unknown>[] = [];
  beforeAll(async () => {
    const log = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line)) });
    server = await startTestGateway({ nodeEnv: 'development' }, log);
  });
  afterAll(() => server.close());

  it('reach the log as the database reported them, on a compiled query (graphql-jit) and a mutation (graphql-js) alike', async () => {
    const articleId = (await server.data('{ articles(first: 1) { edges { node { id } } } }')).articles.edges[0].node.id;
    await server.gateway.dataSource.query('ALTER TABLE article_rating RENAME TO rating_moved');
    try {
      for (const [query, variables] of [
        ['{ articles(first: 1) { edges { node { rating { votes } } } } }', {}],
        ['mutation ($input: RateArticleInput!) { rateArticle(input: $input) { article { id } } }', { input: { articleId, stars: 3 } }],
      ] as const) {
        lines.length = 0;
        const result = await server.gql(query, variables, { 'x-voter-id': 'unexpected-voter' });
        const [error] = result.errors ?? [];
        expect(error.message).toBe('Internal server error');
        expect(error.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
        const logged = JSON.stringify(lines.filter((line) => line.msg === 'unexpected error'));
        expect(logged).toMatch(/no such table: article_rating|relation \\"article_rating\\" does not exist/);
        expect(logged).not.toContain('Cannot read properties');
      }
    } finally {
      await server.gateway.dataSource.query('ALTER TABLE rating_moved RENAME TO article_rating');
    }
  });
});
