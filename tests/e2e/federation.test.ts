import fs from 'node:fs';
import path from 'node:path';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { MAX_REPRESENTATIONS } from '../../src/schema/build-subgraph-schema';
import { SUBGRAPH_SCHEMA_FILE } from '../../src/schema/print-schema';
import { loadArchive } from '../support/archive';
import { startTestGateway, type TestGateway } from '../support/test-gateway';

const ENTITIES = `query Entities($representations: [_Any!]!) {
  _entities(representations: $representations) {
    __typename
    ... on Article { id headline rating { votes } }
    ... on Person { id name }
  }
}`;

/** NEWSGATE_FEDERATION=true: the gateway as an Apollo Federation 2 subgraph. */
describe('federation subgraph', () => {
  let server: TestGateway;
  let articles: { id: string; headline: string }[];
  let people: { id: string; name: string }[];

  beforeAll(async () => {
    server = await startTestGateway({ federation: true });
    await loadArchive(server.gateway.dataSource, { articles: 6, seed: 3, maxVotes: 0 });
    const front = await server.data('{ articles(first: 6) { edges { node { id headline people { id name } } } } }');
    articles = front.articles.edges.map((edge: { node: { id: string; headline: string } }) => edge.node);
    people = front.articles.edges.flatMap((edge: { node: { people: { id: string; name: string }[] } }) => edge.node.people);
  });
  afterAll(() => server.close());

  it('answers _service { sdl } with Article and Person keyed by id, as committed in schema/subgraph.graphql', async () => {
    const { _service } = await server.data('{ _service { sdl } }');
    expect(_service.sdl).toContain('@link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])');
    expect(_service.sdl).toMatch(/type Article implements Node [^{]*@key\(fields: "id"\)/);
    expect(_service.sdl).toMatch(/type Person implements Node [^{]*@key\(fields: "id"\)/);
    // `npm run schema` writes it; rover composes from the file or from the running subgraph alike.
    const committed = fs.readFileSync(path.join(__dirname, '..', '..', SUBGRAPH_SCHEMA_FILE), 'utf8');
    expect(committed.replace(/^#.*\n\n/, '')).toBe(`${_service.sdl}\n`);
  });

  it('resolves _entities by global ID, in order, with null for what does not exist, in one statement per type', async () => {
    expect(people.length).toBeGreaterThan(1);
    const representations = [
      { __typename: 'Article', id: articles[2].id },
      { __typename: 'Person', id: people[0].id },
      { __typename: 'Article', id: articles[0].id },
      { __typename: 'Person', id: people[1].id },
      // A Person's ID given as an Article, and one that decodes to no row.
      { __typename: 'Article', id: people[0].id },
      { __typename: 'Article', id: Buffer.from('Article:999999').toString('base64url') },
    ];
    server.gateway.queryCounter.reset();
    const { _entities } = await server.data(ENTITIES, { representations });
    expect(_entities).toEqual([
      expect.objectContaining({ __typename: 'Article', id: articles[2].id, headline: articles[2].headline, rating: { votes: 0 } }),
      { __typename: 'Person', id: people[0].id, name: people[0].name },
      expect.objectContaining({ __typename: 'Article', id: articles[0].id, headline: articles[0].headline }),
      { __typename: 'Person', id: people[1].id, name: people[1].name },
      null,
      null,
    ]);
    // Articles, people and the articles' ratings: one statement each, however many representations.
    expect(server.gateway.queryCounter.statements).toBe(3);
  });

  it("shows a vote in the next _entities read, through the response cache's eviction", async () => {
    const representations = [{ __typename: 'Article', id: articles[1].id }];
    const before = await server.data(ENTITIES, { representations });
    expect(before._entities[0].rating.votes).toBe(0);
    await server.data(
      'mutation ($input: RateArticleInput!) { rateArticle(input: $input) { article { id } } }',
      { input: { articleId: articles[1].id, stars: 4 } },
      { 'x-voter-id': 'federated-reader' },
    );
    const after = await server.data(ENTITIES, { representations });
    expect(after._entities[0].rating.votes).toBe(1);
  });

  it('counts each representation against the cost limit', async () => {
    const heavy = `query ($representations: [_Any!]!) {
      _entities(representations: $representations) { ... on Article { people { name } quotes { text } relatedArticles { headline } } }
    }`;
    const few = Array.from({ length: 5 }, () => ({ __typename: 'Article', id: articles[0].id }));
    expect((await server.gql(heavy, { representations: few })).errors).toBeUndefined();
    const many = Array.from({ length: 1_000 }, () => ({ __typename: 'Article', id: articles[0].id }));
    const response = await server.gql(heavy, { representations: many });
    expect(response.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COSTLY');
  });

  it('refuses, as a whole, representations of other types, malformed ones, and too many', async () => {
    const codeOf = async (representations: unknown[]) => {
      const response = await server.gql(ENTITIES, { representations });
      expect(response.errors).toHaveLength(1);
      return response.errors![0].extensions?.code;
    };
    expect(
      await codeOf([
        { __typename: 'Article', id: articles[0].id },
        { __typename: 'Quote', id: 'x' },
      ]),
    ).toBe('BAD_USER_INPUT');
    expect(await codeOf([{ __typename: 'Node', id: articles[0].id }])).toBe('BAD_USER_INPUT');
    expect(await codeOf([{ __typename: 'Person', id: 7 }])).toBe('BAD_USER_INPUT');
    expect(await codeOf(Array.from({ length: MAX_REPRESENTATIONS + 1 }, () => ({ __typename: 'Person', id: people[0].id })))).toBe(
      'BAD_USER_INPUT',
    );
  });

  it("files an _entities response under the entities' own tags: another article's vote keeps it cached", async () => {
    const representations = [{ __typename: 'Article', id: articles[4].id }];
    await server.data(ENTITIES, { representations });
    const hits = server.gateway.responseCache!.hits;
    await server.data(
      'mutation ($input: RateArticleInput!) { rateArticle(input: $input) { article { id } } }',
      { input: { articleId: articles[5].id, stars: 5 } },
      { 'x-voter-id': 'federated-elsewhere' },
    );
    await server.data(ENTITIES, { representations });
    expect(server.gateway.responseCache!.hits).toBe(hits + 1);
  });

  it('composes into a supergraph with another subgraph that extends Article', async () => {
    const { _service } = await server.data('{ _service { sdl } }');
    const reviews = parse(`
      extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
      type Article @key(fields: "id") { id: ID! reviews: [String!]! }
      type Query { topReviewed: [Article!]! }
    `);
    const result = composeServices([
      { name: 'newsgate', url: server.url, typeDefs: parse(_service.sdl) },
      { name: 'reviews', url: 'http://reviews.invalid/graphql', typeDefs: reviews },
    ]);
    expect(result.errors ?? []).toEqual([]);
    expect(result.supergraphSdl).toMatch(
      /type Article[^{]*@join__type\(graph: NEWSGATE, key: "id"\)\s*@join__type\(graph: REVIEWS, key: "id"\)/,
    );
  });

  it('serves ratingChanged subscriptions as the plain schema does', async () => {
    const client = createClient({ url: server.url.replace('http://', 'ws://'), webSocketImpl: WebSocket, retryAttempts: 0, lazy: true });
    try {
      const received = new Promise<unknown>((resolve, reject) => {
        client.subscribe(
          {
            query: 'subscription ($articleId: ID!) { ratingChanged(articleId: $articleId) { votes } }',
            variables: { articleId: articles[3].id },
          },
          { next: resolve, error: reject, complete: () => undefined },
        );
      });
      for (let wait = 0; wait < 500 && ((await server.gateway.metrics.subscriptions.get()).values[0]?.value ?? 0) === 0; wait += 1)
        await new Promise((resolve) => setTimeout(resolve, 10));
      await server.data(
        'mutation ($input: RateArticleInput!) { rateArticle(input: $input) { article { id } } }',
        { input: { articleId: articles[3].id, stars: 2 } },
        { 'x-voter-id': 'federated-subscriber' },
      );
      expect(await received).toEqual({ data: { ratingChanged: { votes: 1 } } });
    } finally {
      await client.dispose();
    }
  });

  it('traces no field for a client that asks for inline traces (ftv1: for Apollo Studio, not reported to here)', async () => {
    const response = await server.gql(
      ENTITIES,
      { representations: [{ __typename: 'Article', id: articles[0].id }] },
      {
        'apollo-federation-include-trace': 'ftv1',
      },
    );
    expect(response.errors).toBeUndefined();
    expect(response.extensions?.ftv1).toBeUndefined();
  });

  it('still answers the plain schema: front page, node, search', async () => {
    const data = await server.data(`{ node(id: "${articles[0].id}") { id } articles(first: 2) { edges { node { headline } } } }`);
    expect(data.node.id).toBe(articles[0].id);
    expect(data.articles.edges).toHaveLength(2);
  });
});

describe('federation in production without introspection', () => {
  let server: TestGateway;
  beforeAll(async () => {
    server = await startTestGateway({ federation: true, nodeEnv: 'production', introspection: false });
  });
  afterAll(() => server.close());

  it('refuses _service (it tells what __schema would) and still resolves _entities for the router', async () => {
    const refused = await server.gql('{ _service { sdl } }');
    expect(refused.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(refused.errors?.[0]?.message).toContain('schema/subgraph.graphql');
    const id = (await server.data('{ articles(first: 1) { edges { node { id } } } }')).articles.edges[0].node.id;
    const { _entities } = await server.data(ENTITIES, { representations: [{ __typename: 'Article', id }] });
    expect(_entities[0].id).toBe(id);
  });
});

describe('without NEWSGATE_FEDERATION', () => {
  let server: TestGateway;
  beforeAll(async () => {
    server = await startTestGateway();
  });
  afterAll(() => server.close());

  it('has no _service or _entities', async () => {
    const response = await server.gql('{ _service { sdl } }');
    expect(response.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });
});
