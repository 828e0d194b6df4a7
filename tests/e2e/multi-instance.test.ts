import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { loadArchive } from '../support/archive';
import { describeOnPostgres, EDITOR_KEY, startTestGateway, type TestGateway } from '../support/test-gateway';

// Several gateways on one database is the PostgreSQL deployment; a SQLite file is one gateway's.
describeOnPostgres('two gateways on one PostgreSQL database', () => {
  let first: TestGateway;
  let second: TestGateway;
  let articleIds: string[];

  beforeAll(async () => {
    first = await startTestGateway();
    second = await startTestGateway({ database: first.database });
    await loadArchive(first.gateway.dataSource, { articles: 4, seed: 11, maxVotes: 0 });
    const front = await first.data('{ articles(first: 5) { edges { node { id } } } }');
    articleIds = front.articles.edges.map((edge: { node: { id: string } }) => edge.node.id);
  });
  afterAll(async () => {
    await second?.close();
    await first?.close();
  });

  it('keep exact tallies when both take new, changed and repeated votes on the same articles at once', async () => {
    const vote = (gateway: TestGateway, voter: string, articleId: string, stars: number) =>
      gateway.gql(
        'mutation ($input: RateArticleInput!) { rateArticle(input: $input) { article { id } } }',
        { input: { articleId, stars } },
        {
          'x-voter-id': voter,
        },
      );
    // 60 voters on each article: each votes through both gateways at once (stars 1 and 5), and
    // a third of them then change their vote to 3 through either.
    const expected = new Map<string, Map<string, number>>();
    const rounds = articleIds.map(async (articleId) => {
      const finals = new Map<string, number>();
      expected.set(articleId, finals);
      await Promise.all(
        Array.from({ length: 60 }, async (_, index) => {
          const voter = `shared-voter-${index}`;
          const [a, b] = await Promise.all([vote(first, voter, articleId, 1), vote(second, voter, articleId, 5)]);
          expect(a.errors ?? b.errors).toBeUndefined();
          if (index % 3 === 0) {
            await vote(index % 2 === 0 ? first : second, voter, articleId, 3);
            finals.set(voter, 3);
          }
        }),
      );
    });
    await Promise.all(rounds);
    for (const articleId of articleIds) {
      const numeric = Number(Buffer.from(articleId, 'base64url').toString().split(':')[1]);
      const [stored] = await first.gateway.dataSource.query(
        'SELECT COUNT(*)::int AS votes, SUM(stars)::int AS star_sum FROM vote WHERE article_id = $1',
        [numeric],
      );
      const [tally] = await first.gateway.dataSource.query('SELECT votes, star_sum FROM article_rating WHERE article_id = $1', [numeric]);
      // One vote per voter, whichever of their two first votes landed last; the tally says the same.
      expect(stored.votes).toBe(60);
      expect({ votes: Number(tally.votes), starSum: Number(tally.star_sum) }).toEqual({ votes: stored.votes, starSum: stored.star_sum });
      const seen = await second.data(`{ node(id: "${articleId}") { ... on Article { rating { votes } } } }`);
      expect(seen.node.rating.votes).toBe(60);
    }
  });

  it("push a vote taken by one to the other's ratingChanged subscribers", async () => {
    const client = createClient({ url: second.url.replace('http://', 'ws://'), webSocketImpl: WebSocket, retryAttempts: 0, lazy: true });
    try {
      const received = new Promise<unknown>((resolve, reject) => {
        client.subscribe(
          { query: 'subscription ($id: ID!) { ratingChanged(articleId: $id) { votes histogram } }', variables: { id: articleIds[0] } },
          { next: resolve, error: reject, complete: () => undefined },
        );
      });
      for (let wait = 0; wait < 500 && ((await second.gateway.metrics.subscriptions.get()).values[0]?.value ?? 0) === 0; wait += 1)
        await new Promise((resolve) => setTimeout(resolve, 10));
      const voted = await first.data(
        'mutation ($input: RateArticleInput!) { rateArticle(input: $input) { article { rating { votes histogram } } } }',
        { input: { articleId: articleIds[0], stars: 2 } },
        { 'x-voter-id': 'subscribed-elsewhere' },
      );
      expect(await received).toEqual({ data: { ratingChanged: voted.rateArticle.article.rating } });
    } finally {
      await client.dispose();
    }
  });

  it("show a vote taken by one in the other's very next read of a page it had cached", async () => {
    const page = `{ node(id: "${articleIds[1]}") { ... on Article { rating { votes } } } }`;
    const before = (await second.data(page)).node.rating.votes as number;
    const hits = second.gateway.responseCache!.hits;
    expect((await second.data(page)).node.rating.votes).toBe(before);
    expect(second.gateway.responseCache!.hits).toBe(hits + 1);
    for (let round = 1; round <= 5; round += 1) {
      await first.data(
        'mutation ($input: RateArticleInput!) { rateArticle(input: $input) { article { id } } }',
        { input: { articleId: articleIds[1], stars: 4 } },
        {
          'x-voter-id': `cached-elsewhere-${round}`,
        },
      );
      // No wait: the read's cache check waits until every notice committed before it is handled.
      expect((await second.data(page)).node.rating.votes).toBe(before + round);
    }
  });

  it("show an article imported through one in the other's cached lists", async () => {
    const list = '{ articles(first: 50) { totalCount edges { node { headline } } } }';
    const before = (await second.data(list)).articles.totalCount as number;
    await second.data(list);
    const text =
      'Harbour Board Approves New Ferry Route\n\nThe harbour board on Tuesday approved a ferry route to the outer islands.\n\nService starts in spring.';
    const imported = await first.data(
      'mutation ($input: ImportArticleInput!) { importArticle(input: $input) { created } }',
      { input: { text } },
      {
        authorization: `Bearer ${EDITOR_KEY}`,
      },
    );
    expect(imported.importArticle.created).toBe(true);
    const after = await second.data(list);
    expect(after.articles.totalCount).toBe(before + 1);
    expect(after.articles.edges.map((edge: { node: { headline: string } }) => edge.node.headline)).toContain(
      'Harbour Board Approves New Ferry Route',
    );
  });

  it('bypass the cache while the notification connection is lost, and share notices again once it is back', async () => {
    const page = `{ node(id: "${articleIds[3]}") { ... on Article { rating { votes } } } }`;
    const vote = (voter: string) =>
      first.data(
        'mutation ($input: RateArticleInput!) { rateArticle(input: $input) { article { id } } }',
        { input: { articleId: articleIds[3], stars: 5 } },
        {
          'x-voter-id': voter,
        },
      );
    const before = (await second.data(page)).node.rating.votes as number;
    await second.data(page);
    // Both gateways' listening connections go, as a server restart or a network cut would take them.
    await first.gateway.dataSource.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'newsgate-notifications'`,
    );
    await vote('lost-connection-1');
    expect((await second.data(page)).node.rating.votes).toBe(before + 1);
    // Back within the reconnect delays: a vote's notice reaches the other gateway's cache again.
    let shared = false;
    for (let wait = 0; wait < 100 && !shared; wait += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      const connections = await first.gateway.dataSource.query(
        `SELECT COUNT(*)::int AS n FROM pg_stat_activity WHERE application_name = 'newsgate-notifications' AND query LIKE '%LISTEN%' OR application_name = 'newsgate-notifications' AND state = 'idle'`,
      );
      shared = connections[0].n >= 2;
    }
    expect(shared).toBe(true);
    await second.data(page);
    const hits = second.gateway.responseCache!.hits;
    await second.data(page);
    expect(second.gateway.responseCache!.hits).toBe(hits + 1);
    await vote('lost-connection-2');
    expect((await second.data(page)).node.rating.votes).toBe(before + 2);
  });
});
