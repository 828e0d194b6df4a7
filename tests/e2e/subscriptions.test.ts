import fs from 'node:fs';
import path from 'node:path';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { MAX_SUBSCRIPTIONS_PER_CONNECTION } from '../../src/server/subscriptions';
import { startTestGateway, type TestGateway } from '../support/test-gateway';

// The example operation clients start from (schema/operations/).
const RATING_CHANGED = fs.readFileSync(path.join(__dirname, '..', '..', 'schema', 'operations', 'rating-changed.graphql'), 'utf8');

/** ratingChanged over graphql-ws on /graphql, with the graphql-ws client, against the live server. */
describe('subscriptions', () => {
  let server: TestGateway;
  let articleId: string;
  const clients: Client[] = [];

  const connect = (voter = 'subscriber-0001') => {
    const client = createClient({
      url: server.url.replace('http://', 'ws://'),
      webSocketImpl: class extends WebSocket {
        constructor(address: string, protocols?: string | string[]) {
          super(address, protocols, { headers: { 'x-voter-id': voter } });
        }
      },
      retryAttempts: 0,
      lazy: true,
    });
    clients.push(client);
    return client;
  };
  /** The next `count` results of a subscription, or what ended it with an error. */
  const listen = (client: Client, query: string, variables: Record<string, unknown>, count: number) =>
    new Promise<unknown[]>((resolve, reject) => {
      const results: unknown[] = [];
      const dispose = client.subscribe(
        { query, variables },
        {
          next: (result) => {
            results.push(result);
            if (results.length === count) {
              dispose();
              resolve(results);
            }
          },
          error: (error) => reject(error),
          complete: () => resolve(results),
        },
      );
    });
  const vote = (stars: number, voter: string) =>
    server.data(
      'mutation($input: RateArticleInput!) { rateArticle(input: $input) { rating { votes } } }',
      { input: { articleId, stars } },
      { 'x-voter-id': voter },
    );
  /** Subscriptions a gateway has running, as /metrics counts them. */
  const running = async (gateway: TestGateway) => (await gateway.gateway.metrics.subscriptions.get()).values[0]?.value ?? 0;
  const until = async (gateway: TestGateway, count: number) => {
    for (let wait = 0; wait < 500 && (await running(gateway)) !== count; wait += 1) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(await running(gateway)).toBe(count);
  };
  /** Waits until the server has `count` subscriptions running (a vote before that would not be seen). */
  const subscribed = (count = 1, gateway = server) => until(gateway, count);

  beforeAll(async () => {
    server = await startTestGateway();
    articleId = (await server.data('{ articles(first: 1) { edges { node { id } } } }')).articles.edges[0].node.id;
  });
  // Each test starts with the previous tests' subscriptions ended.
  beforeEach(() => until(server, 0));
  afterAll(async () => {
    await Promise.all(clients.map((client) => client.dispose()));
    await server.close();
  });

  it("pushes the new tally after every accepted vote, with the subscriber's own stars", async () => {
    const received = listen(connect('subscriber-0001'), RATING_CHANGED, { articleId }, 2);
    await subscribed();
    await vote(5, 'subscriber-0001');
    await vote(3, 'another-voter-01');
    expect(await received).toEqual([
      { data: { ratingChanged: { votes: 1, average: 5, histogram: [0, 0, 0, 0, 1], viewerStars: 5 } } },
      { data: { ratingChanged: { votes: 2, average: 4, histogram: [0, 0, 1, 0, 1], viewerStars: 5 } } },
    ]);
  });

  it('refuses a malformed or unknown article, queries over WebSocket, and what a query limit refuses', async () => {
    const errorOf = (query: string, variables: Record<string, unknown>) =>
      listen(connect(), query, variables, 1).then(
        (results) => results,
        (errors: { extensions?: { code?: string } }[]) => errors.map((error) => error.extensions?.code),
      );
    expect(await errorOf(RATING_CHANGED, { articleId: 'not-an-id' })).toEqual([
      { errors: [expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }) })] },
    ]);
    expect(await errorOf(RATING_CHANGED, { articleId: Buffer.from('Article:999').toString('base64url') })).toEqual([
      { errors: [expect.objectContaining({ extensions: expect.objectContaining({ code: 'NOT_FOUND' }) })] },
    ]);
    expect(await errorOf('{ articles { totalCount } }', {})).toEqual(['BAD_REQUEST']);
    const aliases = Array.from({ length: 40 }, (_, index) => `a${index}: ratingChanged(articleId: $articleId) { votes }`).join(' ');
    expect(await errorOf(`subscription($articleId: ID!) { ${aliases} }`, { articleId })).toContain('TOO_MANY_ALIASES');
    expect(await errorOf('subscription { nope }', {})).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(await errorOf('subscription {', {})).toEqual(['GRAPHQL_PARSE_FAILED']);
    // Refused before parsing, as over HTTP: graphql-js would recurse once per bracket.
    expect(await errorOf(`subscription { ratingChanged(articleId: ${'['.repeat(5_000)}"x"${']'.repeat(5_000)}) { votes } }`, {})).toEqual([
      'QUERY_TOO_DEEP',
    ]);
  });

  it('closes every subscription with 1001 (going away) when the gateway shuts down', async () => {
    const other = await startTestGateway();
    const client = createClient({ url: other.url.replace('http://', 'ws://'), webSocketImpl: WebSocket, retryAttempts: 0, lazy: true });
    clients.push(client);
    const otherId = (await other.data('{ articles(first: 1) { edges { node { id } } } }')).articles.edges[0].node.id;
    const closed = listen(client, RATING_CHANGED, { articleId: otherId }, 1).then(
      () => null,
      (event: { code: number }) => event.code,
    );
    await subscribed(1, other);
    await other.close();
    expect(await closed).toBe(1001);
  });

  it('takes the voter id from the connection params (a browser cannot set headers on a WebSocket)', async () => {
    const client = createClient({
      url: server.url.replace('http://', 'ws://'),
      webSocketImpl: WebSocket,
      connectionParams: { 'x-voter-id': 'browser-voter-01' },
      retryAttempts: 0,
      lazy: true,
    });
    clients.push(client);
    const received = listen(client, RATING_CHANGED, { articleId }, 1);
    await subscribed();
    await vote(2, 'browser-voter-01');
    expect(((await received)[0] as { data: { ratingChanged: { viewerStars: number } } }).data.ratingChanged.viewerStars).toBe(2);
  });

  it('refuses a WebSocket from a page whose origin CORS_ORIGINS does not name, and lets in its own origin', async () => {
    const listed = await startTestGateway({ corsOrigins: ['https://news.example.com'] });
    try {
      const closedWith = (origin: string) =>
        new Promise<number>((resolve) => {
          const client = createClient({
            url: listed.url.replace('http://', 'ws://'),
            webSocketImpl: class extends WebSocket {
              constructor(address: string, protocols?: string | string[]) {
                super(address, protocols, { headers: { origin } });
              }
            },
            retryAttempts: 0,
            lazy: true,
            on: { closed: (event) => resolve((event as { code: number }).code) },
          });
          clients.push(client);
          client.subscribe({ query: '{ __typename }' }, { next: () => undefined, error: () => undefined, complete: () => undefined });
        });
      expect(await closedWith('https://evil.example.net')).toBe(4403);
      // A listed origin, and the gateway's own pages (GraphiQL) whatever the list says, are let in
      // (the client then closes normally, its query refused and nothing left to listen to).
      expect(await closedWith('https://news.example.com')).toBe(1000);
      expect(await closedWith(new URL(listed.url).origin)).toBe(1000);
    } finally {
      await listed.close();
    }
  });

  it('counts open connections and running subscriptions in /metrics, down to none when the client leaves', async () => {
    const connections = async () => (await server.gateway.metrics.websocketConnections.get()).values[0]?.value ?? 0;
    const before = await connections();
    const client = connect('subscriber-metrics');
    void listen(client, RATING_CHANGED, { articleId }, 5).catch(() => undefined);
    void listen(client, RATING_CHANGED, { articleId }, 5).catch(() => undefined);
    await subscribed(2);
    const text = await (await fetch(new URL('/metrics', server.url))).text();
    expect(text).toMatch(new RegExp(`^newsgate_websocket_connections ${before + 1}$`, 'm'));
    expect(text).toMatch(/^newsgate_subscriptions 2$/m);
    // The socket closes with both subscriptions still running: each is counted out once.
    await client.dispose();
    await until(server, 0);
    for (let wait = 0; wait < 500 && (await connections()) !== before; wait += 1) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(await connections()).toBe(before);
  });

  it(`holds at most ${MAX_SUBSCRIPTIONS_PER_CONNECTION} subscriptions on one connection`, async () => {
    const client = connect();
    for (let index = 0; index < MAX_SUBSCRIPTIONS_PER_CONNECTION; index += 1)
      void listen(client, RATING_CHANGED, { articleId }, 1).catch(() => undefined);
    await subscribed(MAX_SUBSCRIPTIONS_PER_CONNECTION);
    await expect(listen(client, RATING_CHANGED, { articleId }, 1)).rejects.toEqual([
      expect.objectContaining({ extensions: expect.objectContaining({ code: 'RATE_LIMITED' }) }),
    ]);
  });
});
