import { encodeGlobalId } from '../../src/shared/global-id';
import { errorCode, startTestGateway, type TestGateway } from '../support/test-gateway';

const RATE = `mutation($input: RateArticleInput!) {
  rateArticle(input: $input) { article { id slug } rating { votes average histogram viewerStars } }
}`;
const RATING = `query($id: ID!) { article(id: $id) { rating { votes average histogram viewerStars } } }`;

describe('rateArticle', () => {
  let server: TestGateway;
  let articleId: string;

  beforeEach(async () => {
    server = await startTestGateway();
    const { articles } = await server.data('{ articles(first: 1) { edges { node { id } } } }');
    articleId = articles.edges[0].node.id;
  });
  afterEach(() => server.close());

  const voter = (token: string) => ({ 'x-voter-id': token });
  // Number(): PostgreSQL's COUNT is a bigint, which its driver gives as a string.
  const voteCount = async () => Number((await server.gateway.dataSource.query('SELECT COUNT(*) AS n FROM vote'))[0].n);

  it('records a vote and returns the new tally with the caller’s own stars', async () => {
    const { rateArticle } = await server.data(RATE, { input: { articleId, stars: 4 } }, voter('reader-one-1'));
    expect(rateArticle.article.id).toBe(articleId);
    expect(rateArticle.rating).toEqual({ votes: 1, average: 4, histogram: [0, 0, 0, 1, 0], viewerStars: 4 });
  });

  it('keeps one vote per voter: voting again replaces the stars', async () => {
    await server.data(RATE, { input: { articleId, stars: 2 } }, voter('reader-one-1'));
    await server.data(RATE, { input: { articleId, stars: 5 } }, voter('reader-two-2'));
    const { rateArticle } = await server.data(RATE, { input: { articleId, stars: 4 } }, voter('reader-one-1'));
    expect(rateArticle.rating).toEqual({ votes: 2, average: 4.5, histogram: [0, 0, 0, 1, 1], viewerStars: 4 });
  });

  it('tells each caller their own stars, and null to someone who has not voted', async () => {
    await server.data(RATE, { input: { articleId, stars: 1 } }, voter('reader-one-1'));
    await server.data(RATE, { input: { articleId, stars: 3 } }, voter('reader-two-2'));
    expect((await server.data(RATING, { id: articleId }, voter('reader-one-1'))).article.rating.viewerStars).toBe(1);
    expect((await server.data(RATING, { id: articleId }, voter('reader-two-2'))).article.rating.viewerStars).toBe(3);
    expect((await server.data(RATING, { id: articleId }, voter('never-voted'))).article.rating).toEqual({
      votes: 2,
      average: 2,
      histogram: [1, 0, 1, 0, 0],
      viewerStars: null,
    });
  });

  it('without X-Voter-Id, identifies the voter by address and user agent', async () => {
    const asBrowser = (agent: string) => ({ 'user-agent': agent });
    await server.data(RATE, { input: { articleId, stars: 5 } }, asBrowser('Browser A'));
    await server.data(RATE, { input: { articleId, stars: 3 } }, asBrowser('Browser A'));
    const { rateArticle } = await server.data(RATE, { input: { articleId, stars: 1 } }, asBrowser('Browser B'));
    expect(rateArticle.rating.histogram).toEqual([1, 0, 1, 0, 0]);
  });

  it('stores only a salted hash of the voter, never the token', async () => {
    await server.data(RATE, { input: { articleId, stars: 5 } }, voter('secret-token-123'));
    const rows = await server.gateway.dataSource.query('SELECT * FROM vote');
    expect(rows).toHaveLength(1);
    expect(rows[0].voter_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(rows)).not.toContain('secret-token-123');
    expect(JSON.stringify(rows)).not.toContain('127.0.0.1');
  });

  it.each([0, 6, -1])('rejects %p stars as BAD_USER_INPUT and writes nothing', async (stars) => {
    const result = await server.gql(RATE, { input: { articleId, stars } }, voter('reader-one-1'));
    expect(errorCode(result)).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0].message).toMatch(/stars/);
    expect(await voteCount()).toBe(0);
  });

  it('rejects a fractional number of stars (not an Int) and writes nothing', async () => {
    const result = await server.gql(RATE, { input: { articleId, stars: 3.5 } }, voter('reader-one-1'));
    expect(errorCode(result)).toBe('BAD_USER_INPUT');
    expect(await voteCount()).toBe(0);
  });

  it('answers NOT_FOUND for an article that does not exist, and writes nothing', async () => {
    const result = await server.gql(RATE, { input: { articleId: encodeGlobalId('Article', 9999), stars: 3 } }, voter('reader-one-1'));
    expect(errorCode(result)).toBe('NOT_FOUND');
    expect(await voteCount()).toBe(0);
  });

  it('answers BAD_USER_INPUT for an ID that is not an article ID', async () => {
    for (const id of ['not-an-id', encodeGlobalId('Person', 1)]) {
      const result = await server.gql(RATE, { input: { articleId: id, stars: 3 } }, voter('reader-one-1'));
      expect(errorCode(result)).toBe('BAD_USER_INPUT');
    }
    expect(await voteCount()).toBe(0);
  });

  it.each(['short', 'has spaces in it', 'x'.repeat(129), 'bad/chars!'])('rejects the malformed X-Voter-Id %p', async (token) => {
    const result = await server.gql(RATE, { input: { articleId, stars: 3 } }, voter(token));
    expect(errorCode(result)).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0].message).toMatch(/X-Voter-Id/);
    expect(await voteCount()).toBe(0);
  });

  it('counts exactly 200 votes from 200 simultaneous voters', async () => {
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, index) =>
        server.gql(RATE, { input: { articleId, stars: (index % 5) + 1 } }, voter(`concurrent-voter-${index}`)),
      ),
    );
    expect(results.filter((result) => result.errors)).toEqual([]);
    const { article } = await server.data(RATING, { id: articleId });
    expect(article.rating.votes).toBe(200);
    expect(article.rating.histogram).toEqual([40, 40, 40, 40, 40]);
    expect(await voteCount()).toBe(200);
  });

  it('counts exactly 1 vote from 50 simultaneous votes by one voter', async () => {
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, index) => server.gql(RATE, { input: { articleId, stars: (index % 5) + 1 } }, voter('same-voter-42'))),
    );
    expect(results.filter((result) => result.errors)).toEqual([]);
    const { article } = await server.data(RATING, { id: articleId }, voter('same-voter-42'));
    expect(article.rating.votes).toBe(1);
    expect(article.rating.histogram.reduce((a: number, b: number) => a + b, 0)).toBe(1);
    expect(article.rating.viewerStars).toBe(article.rating.histogram.indexOf(1) + 1);
    expect(await voteCount()).toBe(1);
  });

  it('stops a mutation at the first field that fails: no vote after it is written', async () => {
    const result = await server.gql(
      `mutation($a: ID!) {
        first: rateArticle(input: { articleId: $a, stars: 3 }) { rating { votes } }
        broken: rateArticle(input: { articleId: "not-an-id", stars: 4 }) { rating { votes } }
        after: rateArticle(input: { articleId: $a, stars: 5 }) { rating { votes } }
      }`,
      { a: articleId },
      voter('serial-voter-1'),
    );
    expect(errorCode(result)).toBe('BAD_USER_INPUT');
    expect(result.data).toBeNull();
    // The first vote stands; the one after the failure never ran.
    expect((await server.data(RATING, { id: articleId }, voter('serial-voter-1'))).article.rating.viewerStars).toBe(3);
  });

  it('keeps votes across a restart', async () => {
    await server.data(RATE, { input: { articleId, stars: 5 } }, voter('reader-one-1'));
    await server.gateway.close();
    const reopened = await startTestGateway({ database: server.database });
    try {
      const { article } = await reopened.data(RATING, { id: articleId }, voter('reader-one-1'));
      expect(article.rating).toEqual({ votes: 1, average: 5, histogram: [0, 0, 0, 0, 1], viewerStars: 5 });
    } finally {
      await reopened.close();
    }
  });
});
