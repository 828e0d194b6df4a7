import { createClient } from 'graphql-ws';
import { Client } from 'pg';
import pino from 'pino';
import WebSocket from 'ws';
import { migrations } from '../../migrations';
import { type Notice, PostgresNotifications } from '../../src/db/postgres-notifications';
import { loadArchive } from '../support/archive';
import { startReplica, stopReplica } from '../support/postgres-server';
import {
  createPostgresDatabase,
  describeOnPostgres,
  EDITOR_KEY,
  replicaCaughtUp,
  startTestGateway,
  type TestGateway,
} from '../support/test-gateway';

// Several gateways on one database is the PostgreSQL deployment; a SQLite file is one gateway's.
// Both read through the test cluster's streaming replica (src/server/read-routing.ts).
describeOnPostgres('two gateways on one PostgreSQL primary and its replica', () => {
  let first: TestGateway;
  let second: TestGateway;
  let articleIds: string[];
  let primaryUrl: string;
  let replicaUrl: string;

  beforeAll(async () => {
    first = await startTestGateway({}, undefined, { replica: true });
    second = await startTestGateway({ database: first.database });
    if (first.database.type !== 'postgres') throw new Error('PostgreSQL only');
    primaryUrl = first.database.url;
    replicaUrl = first.database.replicaUrls[0];
    // Written straight to the primary, as a restore would be: no gateway knows, so wait for the replica.
    await loadArchive(first.gateway.dataSource, { articles: 4, seed: 11, maxVotes: 0 });
    await replicaCaughtUp(primaryUrl, replicaUrl);
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

  describe('while the replica has stopped replaying', () => {
    let replica: Client;
    const ratingOf = (articleId: string) => `{ node(id: "${articleId}") { ... on Article { rating { votes viewerStars } } } }`;
    const vote = (gateway: TestGateway, voter: string, articleId: string, stars: number) =>
      gateway.data(
        'mutation ($input: RateArticleInput!) { rateArticle(input: $input) { rating { votes } article { rating { votes viewerStars } } } }',
        { input: { articleId, stars } },
        { 'x-voter-id': voter },
      );

    const editorAs = (voter: string) => ({ authorization: `Bearer ${EDITOR_KEY}`, 'x-voter-id': voter });
    const importThroughFirst = async (text: string, editor: Record<string, string>) =>
      (
        await first.data(
          'mutation ($input: ImportArticleInput!) { importArticle(input: $input) { created article { id slug headline } } }',
          { input: { text } },
          editor,
        )
      ).importArticle as { created: boolean; article: { id: string; slug: string; headline: string } };

    beforeAll(async () => {
      // A read through each gateway first: one that lost its listening connection in an earlier
      // test learns now where the primary's log ends (and requires it of reads), not once paused.
      for (const gateway of [first, second]) await gateway.data(ratingOf(articleIds[0]), {}, { 'x-voter-id': 'bystander' });
      await replicaCaughtUp(primaryUrl, replicaUrl);
      replica = new Client({ connectionString: replicaUrl });
      await replica.connect();
      // A replica as far behind as it will ever be: nothing new reaches it until resumed.
      await replica.query('SELECT pg_wal_replay_pause()');
    });
    afterAll(async () => {
      await replica?.query('SELECT pg_wal_replay_resume()');
      await replica?.end();
    });

    it("gives a voter their own vote in the mutation's answer and their next read on either gateway, while others read the replica", async () => {
      const articleId = articleIds[2];
      // viewerStars makes the answer private: the response cache keeps none of these.
      const before = (await second.data(ratingOf(articleId), {}, { 'x-voter-id': 'bystander' })).node.rating.votes as number;
      const voted = await vote(first, 'own-writer', articleId, 4);
      expect(voted.rateArticle.rating.votes).toBe(before + 1);
      // The mutation's own selection reads the primary it wrote to.
      expect(voted.rateArticle.article).toEqual({ rating: { votes: before + 1, viewerStars: 4 } });
      for (const gateway of [second, first]) {
        const own = await gateway.data(ratingOf(articleId), {}, { 'x-voter-id': 'own-writer' });
        expect(own.node).toEqual({ rating: { votes: before + 1, viewerStars: 4 } });
        // Someone else is served by the paused replica: the vote is not there yet.
        const other = await gateway.data(ratingOf(articleId), {}, { 'x-voter-id': 'bystander' });
        expect(other.node).toEqual({ rating: { votes: before, viewerStars: null } });
      }
      // Public answers the response cache may keep are read where every evicting change is.
      const publicPage = await second.data(`{ node(id: "${articleId}") { ... on Article { rating { votes } } } }`);
      expect(publicPage.node.rating.votes).toBe(before + 1);
    });

    it('gives an editor the article they imported through one gateway in their next read through the other', async () => {
      const editor = editorAs('importing-editor');
      const imported = await importThroughFirst(
        'Lighthouse Keepers Return To Skerry Station\n\nTwo keepers returned to the skerry station on Monday after a decade of automation.\n\nThe board said the move was temporary.',
        editor,
      );
      expect(imported.created).toBe(true);
      expect(imported.article.headline).toBe('Lighthouse Keepers Return To Skerry Station');
      const query = `{ article(slug: "${imported.article.slug}") { headline rating { viewerStars } } }`;
      expect((await second.data(query, {}, editor)).article.headline).toBe('Lighthouse Keepers Return To Skerry Station');
      // A reader who wrote nothing reads the replica, which has not replayed the import yet.
      expect((await second.data(query, {}, { 'x-voter-id': 'bystander' })).article).toBeNull();
    });

    it('counts a mutation answered with an error as a write: its first field may have stored a vote', async () => {
      const articleId = articleIds[1];
      const result = await first.gql(
        `mutation ($id: ID!) { stored: rateArticle(input: { articleId: $id, stars: 2 }) { rating { votes } }
           refused: rateArticle(input: { articleId: $id, stars: 9 }) { rating { votes } } }`,
        { id: articleId },
        { 'x-voter-id': 'two-field-writer' },
      );
      // The refused field is non-null: the error takes the whole answer's data with it.
      expect(result.data ?? null).toBeNull();
      const own = await second.data(ratingOf(articleId), {}, { 'x-voter-id': 'two-field-writer' });
      expect(own.node.rating.viewerStars).toBe(2);
    });

    it('lets a subscriber on the other gateway follow an article just imported (subscriptions read the primary)', async () => {
      const imported = await importThroughFirst(
        'Ferry Timetable Changes For The Winter Season\n\nThe ferry company published its winter timetable on Friday.\n\nFewer crossings run in January.',
        editorAs('importing-editor-2'),
      );
      const id = imported.article.id;
      const client = createClient({ url: second.url.replace('http://', 'ws://'), webSocketImpl: WebSocket, retryAttempts: 0, lazy: true });
      try {
        const received = new Promise<unknown>((resolve, reject) => {
          client.subscribe(
            { query: 'subscription ($id: ID!) { ratingChanged(articleId: $id) { votes } }', variables: { id } },
            { next: resolve, error: reject, complete: () => undefined },
          );
        });
        for (let wait = 0; wait < 500 && ((await second.gateway.metrics.subscriptions.get()).values[0]?.value ?? 0) === 0; wait += 1)
          await new Promise((resolve) => setTimeout(resolve, 10));
        await first.data(
          'mutation ($id: ID!) { rateArticle(input: { articleId: $id, stars: 5 }) { rating { votes } } }',
          { id },
          {
            'x-voter-id': 'first-voter-on-new-article',
          },
        );
        expect(await received).toEqual({ data: { ratingChanged: { votes: 1 } } });
      } finally {
        await client.dispose();
      }
    });

    it("gives a voter their own vote after the other gateway's listening connection was lost and came back", async () => {
      const articleId = articleIds[2];
      await first.gateway.dataSource.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'newsgate-notifications'`,
      );
      // Made while the second gateway hears nothing: its notices are lost to it.
      await vote(first, 'voter-across-a-gap', articleId, 5);
      let listening = false;
      for (let wait = 0; wait < 100 && !listening; wait += 1) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        const [{ n }] = await first.gateway.dataSource.query(
          `SELECT COUNT(*)::int AS n FROM pg_stat_activity WHERE application_name = 'newsgate-notifications'`,
        );
        listening = n >= 2;
      }
      expect(listening).toBe(true);
      // Back: what the second gateway knew of writes is not trusted; the primary is read.
      const own = await second.data(ratingOf(articleId), {}, { 'x-voter-id': 'voter-across-a-gap' });
      expect(own.node.rating.viewerStars).toBe(5);
    });

    it('serves everyone the replica again once it has replayed the writes', async () => {
      const articleId = articleIds[2];
      const fromPrimary = (await first.data(ratingOf(articleId), {}, { 'x-voter-id': 'own-writer' })).node.rating.votes;
      await replica.query('SELECT pg_wal_replay_resume()');
      await replicaCaughtUp(primaryUrl, replicaUrl);
      const other = await second.data(ratingOf(articleId), {}, { 'x-voter-id': 'bystander' });
      expect(other.node.rating.votes).toBe(fromPrimary);
      await replica.query('SELECT pg_wal_replay_pause()');
    });
  });
  describe('when the replica goes away', () => {
    it('read through the primary, stay ready, and read the replica again once it is back', async () => {
      const data = process.env.NEWSGATE_TEST_POSTGRES_REPLICA_DATA!;
      const port = Number(new URL(replicaUrl).port);
      // viewerStars keeps the answer out of the response cache: every read reaches a database.
      const read = () =>
        second.gql(
          `{ node(id: "${articleIds[0]}") { ... on Article { rating { votes viewerStars } } } }`,
          {},
          { 'x-voter-id': 'reads-around' },
        );
      const readiness = async () =>
        (await (await fetch(second.url.replace('/graphql', '/readyz'))).json()) as { status: string; replicas: { unreachable: number } };
      expect(await readiness()).toEqual({ status: 'ready', replicas: { total: 1, unreachable: 0 } });
      stopReplica(data);
      try {
        const results = [];
        for (let index = 0; index < 10; index += 1) results.push(await read());
        // At most a read already on its way to the replica fails; the replica then gets no more.
        const failed = results.filter((result) => result.errors).length;
        expect(failed).toBeLessThanOrEqual(1);
        expect(results.slice(failed).every((result) => !result.errors && result.data.node.rating.votes >= 0)).toBe(true);
        expect(await readiness()).toEqual({ status: 'ready', replicas: { total: 1, unreachable: 1 } });
      } finally {
        startReplica(data, port);
      }
      await replicaCaughtUp(primaryUrl, replicaUrl);
      // Asked every second: back within a few.
      let state = await readiness();
      for (let wait = 0; wait < 50 && state.replicas.unreachable > 0; wait += 1) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        state = await readiness();
      }
      expect(state).toEqual({ status: 'ready', replicas: { total: 1, unreachable: 0 } });
      expect((await read()).errors).toBeUndefined();
    });
  });
});

describeOnPostgres('gateways started together on a new PostgreSQL database', () => {
  it('migrate it and load the seed article once, and all start', async () => {
    const created = await createPostgresDatabase(process.env.NEWSGATE_TEST_POSTGRES_URL!);
    const database = { type: 'postgres' as const, url: created.url, replicaUrls: [] };
    const started = await Promise.allSettled([1, 2, 3].map(() => startTestGateway({ database })));
    try {
      expect(started.map((result) => result.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled']);
      const [gateway] = started.map((result) => (result as PromiseFulfilledResult<TestGateway>).value);
      const [{ count }] = await gateway.gateway.dataSource.query('SELECT COUNT(*)::int AS count FROM migrations');
      expect(count).toBe(migrations.length);
      const [{ articles }] = await gateway.gateway.dataSource.query('SELECT COUNT(*)::int AS articles FROM article');
      expect(articles).toBe(1);
    } finally {
      for (const result of started) if (result.status === 'fulfilled') await result.value.close();
      await created.drop();
    }
  });
});

describeOnPostgres('notices between gateways', () => {
  it('carry a notice of up to 7,900 bytes whole, with the position it was sent at, and send a larger one as overflow', async () => {
    const url = process.env.NEWSGATE_TEST_POSTGRES_URL!;
    const heard: Notice[] = [];
    const log = pino({ level: 'silent' });
    const listener = await PostgresNotifications.open(url, { onNotice: (notice) => heard.push(notice), onGap: () => undefined }, log);
    const sender = await PostgresNotifications.open(url, { onNotice: () => undefined, onGap: () => undefined }, log);
    try {
      // Tags as long as fit: the JSON, with the sender's origin, just under the limit.
      const tags = Array.from({ length: 220 }, (_, index) => `Article:${index}:${'x'.repeat(30)}`);
      while (
        Buffer.byteLength(JSON.stringify({ kind: 'changes', tags, position: '', origin: '00000000-0000-0000-0000-000000000000' })) > 7_900
      )
        tags.pop();
      expect(
        Buffer.byteLength(JSON.stringify({ kind: 'changes', tags, position: '', origin: '00000000-0000-0000-0000-000000000000' })),
      ).toBeGreaterThan(7_850);
      const position = await sender.announce({ kind: 'changes', tags });
      expect(position).toMatch(/^[0-9A-F]+\/[0-9A-F]+$/);
      await sender.announce({ kind: 'changes', tags: [...tags, 'Article:one-more-than-fits'] });
      await listener.sync();
      expect(heard).toEqual([
        { kind: 'changes', tags, position },
        { kind: 'overflow', position: expect.stringMatching(/^[0-9A-F]+\/[0-9A-F]+$/) },
      ]);
    } finally {
      await Promise.all([listener.close(), sender.close()]);
    }
  });
});
