import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { EDITOR_KEY, startTestGateway, type TestGateway } from '../support/test-gateway';

/** better-sqlite3 is an optional dependency (the benchmark's second driver): these run where it installed. */
const installed = (() => {
  try {
    createRequire(__filename)('better-sqlite3');
    return true;
  } catch {
    return false;
  }
})();

(installed ? describe : describe.skip)('the gateway on the better-sqlite3 driver (DATABASE_DRIVER=better-sqlite3)', () => {
  let server: TestGateway;

  let dir: string;

  // A database of its own, opened by better-sqlite3 alone: two SQLite libraries on one file in one
  // process break each other's locks (closing either releases the process's locks on the file).
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsgate-better-'));
    server = await startTestGateway({ database: { type: 'sqlite', database: path.join(dir, 'db.sqlite'), driver: 'better-sqlite3' } });
  });
  afterAll(async () => {
    await server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('runs on better-sqlite3', () => {
    expect(server.gateway.dataSource.options.type).toBe('better-sqlite3');
  });

  it('reads, searches, imports and counts votes exactly, as on sqlite3', async () => {
    const imported = await server.gql(
      'mutation($input: ImportArticleInput!) { importArticle(input: $input) { article { id slug } } }',
      { input: { text: 'Ferry Strike Ends\n\nNov. 3, 2026\n\n"We are going back," said Teresa Okonkwo, president of the union.' } },
      { authorization: `Bearer ${EDITOR_KEY}` },
    );
    const articleId = imported.data.importArticle.article.id as string;
    // Simultaneous votes still commit in groups, though this driver runs each group without yielding.
    const transactions = jest.spyOn(server.gateway.dataSource, 'transaction');
    const votes = await Promise.all(
      Array.from({ length: 40 }, (_, index) =>
        server.gql(
          'mutation($input: RateArticleInput!) { rateArticle(input: $input) { rating { votes } } }',
          { input: { articleId, stars: (index % 5) + 1 } },
          { 'x-voter-id': `better-voter-${index}` },
        ),
      ),
    );
    expect(votes.filter((vote) => vote.errors)).toEqual([]);
    expect(transactions.mock.calls.length).toBeGreaterThan(0);
    expect(transactions.mock.calls.length).toBeLessThan(votes.length);
    transactions.mockRestore();
    const { node, search } = await server.data(`{
      node(id: "${articleId}") { ... on Article { headline people { name } quotes { speaker { name } } rating { votes histogram } } }
      search(query: "okonkwo", first: 5) { edges { node { hit { __typename } snippet } } }
    }`);
    expect(node.headline).toBe('Ferry Strike Ends');
    expect(node.quotes[0].speaker.name).toBe('Teresa Okonkwo');
    expect(node.rating).toEqual({ votes: 40, histogram: [8, 8, 8, 8, 8] });
    expect(search.edges.length).toBeGreaterThan(0);
    expect(JSON.stringify(search)).toContain('<mark>');
  });
});
