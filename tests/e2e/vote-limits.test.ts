import http from 'node:http';
import { type AppConfig, loadConfig } from '../../src/config';
import { hashVoter, voterKey } from '../../src/modules/rating/voter';
import { encodeGlobalId } from '../../src/shared/global-id';
import { loadArchive, seededRandom } from '../support/archive';
import { describeOnPostgres, errorCode, type GraphQLResponse, startTestGateway, type TestGateway } from '../support/test-gateway';

const RATE = `mutation($input: RateArticleInput!) {
  rateArticle(input: $input) { rating { votes histogram viewerStars } }
}`;
const RATING = `query($id: ID!) { article(id: $id) { rating { votes histogram viewerStars } } }`;
/** startTestGateway's salt: the tests recompute voter hashes to check the stored rows. */
const SALT = 'test-salt-0123456789abcdef';
const DEFAULT_NEW_VOTERS_PER_HOUR = loadConfig({}).votes.newVotersPerHour;

/** Runs `tasks` with at most `concurrency` in flight, keeping their order in the results. */
async function pool<T>(concurrency: number, tasks: (() => Promise<T>)[]): Promise<T[]> {
  const results = new Array<T>(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const index = next++;
      results[index] = await tasks[index]();
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, tasks.length) }, worker));
  return results;
}

/** A POST over a given agent (so the number of connections is bounded), with the status. */
function post(
  agent: http.Agent,
  url: string,
  body: object,
  headers: Record<string, string>,
): Promise<{ status: number; body: GraphQLResponse }> {
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const request = http.request(
      url,
      { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload), ...headers } },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => {
          try {
            resolve({ status: response.statusCode ?? 0, body: JSON.parse(text) as GraphQLResponse });
          } catch (error) {
            reject(error);
          }
        });
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end(payload);
  });
}

describe('vote limits per client address', () => {
  let server: TestGateway | undefined;
  let articleId: string;

  async function start(overrides: Partial<AppConfig>): Promise<TestGateway> {
    server = await startTestGateway(overrides);
    const { articles } = await server.data('{ articles(first: 1) { edges { node { id } } } }');
    articleId = articles.edges[0].node.id;
    return server;
  }
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  const voter = (token: string, extra: Record<string, string> = {}) => ({ 'x-voter-id': token, ...extra });
  const rate = (s: TestGateway, token: string, stars: number, extra: Record<string, string> = {}, id = articleId) =>
    s.gql(RATE, { input: { articleId: id, stars } }, voter(token, extra));
  const voteRows = async (s: TestGateway): Promise<{ voter_hash: string; stars: number }[]> =>
    s.gateway.dataSource.query('SELECT voter_hash, stars FROM vote ORDER BY id');
  const hashOf = (token: string) => hashVoter(SALT, voterKey({ token }));
  const accepted = (results: GraphQLResponse[]) => results.filter((result) => !result.errors);
  const expectRateLimited = (result: GraphQLResponse, maxSeconds: number) => {
    expect(errorCode(result)).toBe('RATE_LIMITED');
    const retryAfter = result.errors?.[0].extensions?.retryAfterSeconds as number;
    expect(Number.isInteger(retryAfter)).toBe(true);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(maxSeconds);
    // The address is kept in memory only: never echoed back.
    expect(JSON.stringify(result)).not.toMatch(/127\.0\.0\.1|10\.0\.0\.\d/);
    expect(result.data ?? null).toBeNull();
  };

  it('lets 300 invented voter ids from one address move a tally by exactly NEW_VOTERS_PER_HOUR', async () => {
    expect(DEFAULT_NEW_VOTERS_PER_HOUR).toBe(20);
    const s = await start({ votes: { newVotersPerHour: DEFAULT_NEW_VOTERS_PER_HOUR, votesPerMinute: 0 } });
    const before = (await s.data(RATING, { id: articleId })).article.rating;

    const results = await pool(
      50,
      Array.from({ length: 300 }, (_, index) => () => rate(s, `invented-voter-${index}`, 5)),
    );
    expect(accepted(results)).toHaveLength(DEFAULT_NEW_VOTERS_PER_HOUR);
    for (const result of results.filter((r) => r.errors)) expectRateLimited(result, 3600);

    const after = (await s.data(RATING, { id: articleId })).article.rating;
    expect(after.votes - before.votes).toBe(DEFAULT_NEW_VOTERS_PER_HOUR);
    expect(after.histogram[4] - before.histogram[4]).toBe(DEFAULT_NEW_VOTERS_PER_HOUR);
    // Nothing of the refused votes was stored.
    const acceptedTokens = results.flatMap((result, index) => (result.errors ? [] : [`invented-voter-${index}`]));
    expect(new Set((await voteRows(s)).map((row) => row.voter_hash))).toEqual(new Set(acceptedTokens.map(hashOf)));

    // An identity already seen can still change its vote, and vote on another article...
    const changed = await rate(s, acceptedTokens[0], 1);
    expect(changed.errors).toBeUndefined();
    expect(changed.data.rateArticle.rating.votes).toBe(after.votes);
    expect(changed.data.rateArticle.rating.viewerStars).toBe(1);
    // ...while a refused identity stays refused: it was not remembered as seen.
    const refusedToken = `invented-voter-${results.findIndex((result) => result.errors)}`;
    expectRateLimited(await rate(s, refusedToken, 3), 3600);
    expect((await s.data(RATING, { id: articleId })).article.rating.votes).toBe(after.votes);
  });

  it('does not spend the limits on votes refused for other reasons', async () => {
    const s = await start({ votes: { newVotersPerHour: 2, votesPerMinute: 3 } });
    for (let index = 0; index < 5; index += 1) {
      expect(errorCode(await rate(s, `lost-voter-${index}`, 4, {}, encodeGlobalId('Article', 9999)))).toBe('NOT_FOUND');
      expect(errorCode(await rate(s, `lost-voter-${index}`, 9))).toBe('BAD_USER_INPUT');
    }
    expect((await rate(s, 'first-real-voter', 4)).errors).toBeUndefined();
    expect((await rate(s, 'second-real-voter', 4)).errors).toBeUndefined();
    expect((await rate(s, 'second-real-voter', 5)).errors).toBeUndefined();
    expectRateLimited(await rate(s, 'second-real-voter', 3), 60);
  });

  it('refuses the vote past VOTES_PER_MINUTE and stores nothing of it', async () => {
    const s = await start({ votes: { newVotersPerHour: 0, votesPerMinute: 5 } });
    for (let stars = 1; stars <= 5; stars += 1) {
      const result = await rate(s, 'busy-reader-1', stars);
      expect(result.errors).toBeUndefined();
    }
    expectRateLimited(await rate(s, 'busy-reader-1', 1), 60);
    // The limit is the address's, whichever voter id it sends.
    expectRateLimited(await rate(s, 'another-reader-2', 2), 60);
    expect(await voteRows(s)).toEqual([{ voter_hash: hashOf('busy-reader-1'), stars: 5 }]);
    const { article } = await s.data(RATING, { id: articleId }, voter('busy-reader-1'));
    expect(article.rating).toEqual({ votes: 1, histogram: [0, 0, 0, 0, 1], viewerStars: 5 });
  });

  it('switches NEW_VOTERS_PER_HOUR off with 0', async () => {
    const s = await start({ votes: { newVotersPerHour: 0, votesPerMinute: 1000 } });
    const results = await pool(
      20,
      Array.from({ length: 100 }, (_, index) => () => rate(s, `unlimited-voter-${index}`, 3)),
    );
    expect(accepted(results)).toHaveLength(100);
    expect((await s.data(RATING, { id: articleId })).article.rating.votes).toBe(100);
  });

  it('switches VOTES_PER_MINUTE off with 0', async () => {
    const s = await start({ votes: { newVotersPerHour: 20, votesPerMinute: 0 } });
    // More than the default 60 a minute, from few identities.
    const results = await pool(
      10,
      Array.from({ length: 100 }, (_, index) => () => rate(s, `steady-voter-${index % 4}`, 1 + (index % 5))),
    );
    expect(accepted(results)).toHaveLength(100);
    expect((await s.data(RATING, { id: articleId })).article.rating.votes).toBe(4);
  });

  describe('TRUST_PROXY', () => {
    it('ignores X-Forwarded-For with 0 hops: every request counts from the socket address', async () => {
      const s = await start({ trustProxyHops: 0, votes: { newVotersPerHour: 2, votesPerMinute: 0 } });
      expect((await rate(s, 'proxy-voter-1', 4, { 'x-forwarded-for': '10.0.0.1' })).errors).toBeUndefined();
      expect((await rate(s, 'proxy-voter-2', 4, { 'x-forwarded-for': '10.0.0.2' })).errors).toBeUndefined();
      expectRateLimited(await rate(s, 'proxy-voter-3', 4, { 'x-forwarded-for': '10.0.0.3' }), 3600);
      expectRateLimited(await rate(s, 'proxy-voter-4', 4), 3600);
      expect(await voteRows(s)).toHaveLength(2);
    });

    it('with 1 hop counts each rightmost X-Forwarded-For entry as its own address, and a forged left entry does not help', async () => {
      const s = await start({ trustProxyHops: 1, votes: { newVotersPerHour: 2, votesPerMinute: 0 } });
      for (const address of ['10.0.0.1', '10.0.0.2', '10.0.0.3']) {
        expect((await rate(s, `first-at-${address.replaceAll('.', '-')}`, 4, { 'x-forwarded-for': address })).errors).toBeUndefined();
      }
      expect((await rate(s, 'second-at-10-0-0-1', 4, { 'x-forwarded-for': '10.0.0.1' })).errors).toBeUndefined();
      expectRateLimited(await rate(s, 'third-at-10-0-0-1', 4, { 'x-forwarded-for': '10.0.0.1' }), 3600);
      // The client wrote "forged" itself; the proxy appended the address it really came from.
      expectRateLimited(await rate(s, 'third-at-10-0-0-1', 4, { 'x-forwarded-for': 'forged, 10.0.0.1' }), 3600);
      expectRateLimited(await rate(s, 'fourth-at-10-0-0-1', 4, { 'x-forwarded-for': '10.0.0.99, 10.0.0.1' }), 3600);
      // A request that reached us without the proxy counts from its socket address.
      expect((await rate(s, 'direct-voter-1', 4)).errors).toBeUndefined();
      expect(await voteRows(s)).toHaveLength(5);
    });
  });

  it('keeps the tallies exact under load: 1,000 concurrent votes from 100 voters over 50 connections', async () => {
    const s = await start({ votes: { newVotersPerHour: 0, votesPerMinute: 0 } });
    await loadArchive(s.gateway.dataSource, { articles: 9, maxVotes: 0 });
    const ids: number[] = (await s.gateway.dataSource.query('SELECT id FROM article ORDER BY id')).map((row: { id: number }) => row.id);
    expect(ids).toHaveLength(10);
    expect(await voteRows(s)).toEqual([]);

    // Each of 50 connections carries the votes of two voters, in order, so every voter's last
    // vote on each article is known; all 50 connections are busy at once.
    const random = seededRandom(99);
    const VOTERS = 100;
    const CONNECTIONS = 50;
    const plan = Array.from({ length: 1000 }, (_, index) => ({
      token: `load-voter-${String(index % VOTERS).padStart(3, '0')}`,
      articleId: ids[Math.floor(random() * ids.length)],
      stars: 1 + Math.floor(random() * 5),
    }));
    const lanes = Array.from({ length: CONNECTIONS }, (_, lane) => plan.filter((_vote, index) => (index % VOTERS) % CONNECTIONS === lane));
    const agent = new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS });
    const failures: unknown[] = [];
    try {
      await Promise.all(
        lanes.map(async (lane) => {
          for (const vote of lane) {
            const { status, body } = await post(
              agent,
              s.url,
              { query: RATE, variables: { input: { articleId: encodeGlobalId('Article', vote.articleId), stars: vote.stars } } },
              voter(vote.token),
            );
            if (status !== 200 || body.errors || body.data?.rateArticle.rating.viewerStars !== vote.stars)
              failures.push({ status, body, vote });
          }
        }),
      );
    } finally {
      agent.destroy();
    }
    expect(failures).toEqual([]);

    // What the accepted votes imply: each voter's last stars on each article.
    const last = new Map<string, { articleId: number; voterHash: string; stars: number }>();
    for (const vote of plan)
      last.set(`${vote.articleId}|${vote.token}`, { articleId: vote.articleId, voterHash: hashOf(vote.token), stars: vote.stars });
    const expectedHistograms = new Map(ids.map((id) => [id, [0, 0, 0, 0, 0]]));
    for (const vote of last.values()) expectedHistograms.get(vote.articleId)![vote.stars - 1] += 1;

    // The database holds exactly those votes...
    const stored: { article_id: number; voter_hash: string; stars: number }[] = await s.gateway.dataSource.query(
      'SELECT article_id, voter_hash, stars FROM vote',
    );
    const byKey = (rows: { articleId: number; voterHash: string; stars: number }[]) =>
      rows.map((row) => `${row.articleId}|${row.voterHash}|${row.stars}`).sort();
    expect(byKey(stored.map((row) => ({ articleId: row.article_id, voterHash: row.voter_hash, stars: row.stars })))).toEqual(
      byKey([...last.values()]),
    );
    // ...and every tally the API serves equals them.
    const { nodes } = await s.data(`query($ids: [ID!]!) { nodes(ids: $ids) { ... on Article { rating { votes histogram } } } }`, {
      ids: ids.map((id) => encodeGlobalId('Article', id)),
    });
    ids.forEach((id, index) => {
      const histogram = expectedHistograms.get(id)!;
      expect(nodes[index].rating).toEqual({ votes: histogram.reduce((a, b) => a + b, 0), histogram });
    });
  });
});

// Several gateways share one PostgreSQL database: the limits are counted there (src/db/shared-rate-limits.ts).
describeOnPostgres('vote limits across two gateways on one database', () => {
  let first: TestGateway;
  let second: TestGateway;
  let articleId: string;
  const limits = { votes: { newVotersPerHour: 6, votesPerMinute: 10 } };
  const rate = (gateway: TestGateway, token: string, stars: number) =>
    gateway.gql(RATE, { input: { articleId, stars } }, { 'x-voter-id': token });

  beforeAll(async () => {
    first = await startTestGateway(limits);
    second = await startTestGateway({ ...limits, database: first.database });
    articleId = (await first.data('{ articles(first: 1) { edges { node { id } } } }')).articles.edges[0].node.id;
  });
  afterAll(async () => {
    await second?.close();
    await first?.close();
  });

  it('hold for the address as a whole, whichever gateway each vote reaches', async () => {
    // 40 votes from one address, alternating gateways, 3 voter ids: at most 10 a minute in all.
    // The ids vote first one at a time (3 new voters: an id new to two gateways at the very same
    // moment spends a point on each), then all at once.
    const first3 = [];
    for (let index = 0; index < 3; index += 1) first3.push(await rate(index % 2 === 0 ? first : second, `shared-limit-voter-${index}`, 3));
    const results = [
      ...first3,
      ...(await pool(
        8,
        Array.from(
          { length: 37 },
          (_, index) => () => rate(index % 2 === 0 ? second : first, `shared-limit-voter-${index % 3}`, 1 + (index % 5)),
        ),
      )),
    ];
    const acceptedCount = results.filter((result) => !result.errors).length;
    expect(acceptedCount).toBe(10);
    for (const result of results.filter((r) => r.errors)) expect(errorCode(result)).toBe('RATE_LIMITED');
  });

  it('count a new voter once on either gateway, and let one seen on one vote on the other', async () => {
    // Each gateway alone would admit 6 new ids; together the address gets 6, and the 3 ids of the
    // previous test (already seen within the hour) are not new.
    await first.gateway.dataSource.query(`DELETE FROM vote_limit WHERE key LIKE 'votes-per-minute:%'`);
    const results = [];
    for (let index = 0; index < 8; index += 1) results.push(await rate(index % 2 === 0 ? first : second, `fresh-voter-${index}`, 4));
    expect(results.map((result) => errorCode(result) ?? 'ok')).toEqual([
      'ok',
      'ok',
      'ok',
      'RATE_LIMITED',
      'RATE_LIMITED',
      'RATE_LIMITED',
      'RATE_LIMITED',
      'RATE_LIMITED',
    ]);
    // fresh-voter-0 was admitted through the first gateway: the second lets it vote again.
    expect((await rate(second, 'fresh-voter-0', 2)).errors).toBeUndefined();
    expect((await rate(first, 'shared-limit-voter-1', 2)).errors).toBeUndefined();
  });
});
