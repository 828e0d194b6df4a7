import { encodeGlobalId } from '../../src/shared/global-id';
import { errorCode, operation, startTestGateway, type TestGateway } from '../support/test-gateway';

const SEED_SLUG = 'russia-invites-ukraine-president-zelensky-for-peace-talks';

interface IdsData {
  articles: { edges: { node: { id: string; people: { id: string }[]; quotes: { id: string }[] } }[] };
}
const IDS = operation<IdsData>('{ articles { edges { node { id people { id } quotes { id } } } } }');

/** A Node with the members its inline fragment adds when it is of that type. */
type NodeOf<TFields> = ({ __typename: string; id: string } & Partial<TFields>) | null;
interface NodesData {
  a: NodeOf<{ slug: string }>;
  p: NodeOf<{ name: string }>;
  q: NodeOf<{ text: string; speaker: { id: string } | null }>;
}
const NODES = operation<NodesData, { a: string; p: string; q: string }>(`query($a: ID!, $p: ID!, $q: ID!) {
  a: node(id: $a) { __typename id ... on Article { slug } }
  p: node(id: $p) { __typename id ... on Person { name } }
  q: node(id: $q) { __typename id ... on Quote { text speaker { id } } }
}`);

const NODE_ID = operation<{ node: { id: string } | null }, { id: string }>('query($id: ID!) { node(id: $id) { id } }');

interface LookupsData {
  byId: { slug: string } | null;
  bySlug: { id: string } | null;
  missing: { id: string } | null;
  person: { slug: string } | null;
  kadyrov: { id: string; name: string } | null;
  nobody: { id: string } | null;
}
const LOOKUPS = operation<LookupsData, { a: string; p: string }>(`query($a: ID!, $p: ID!) {
  byId: article(id: $a) { slug }
  bySlug: article(slug: "${SEED_SLUG}") { id }
  missing: article(slug: "no-such-article") { id }
  person(id: $p) { slug }
  kadyrov: person(slug: "ramzan-kadyrov") { id name }
  nobody: person(slug: "nobody") { id }
}`);

interface QuoteData {
  quote: {
    text: string;
    attribution: string;
    paragraphIndex: number;
    article: { id: string };
    speaker: { name: string } | null;
  } | null;
}
const QUOTE = operation<QuoteData, { q: string }>(
  'query($q: ID!) { quote(id: $q) { text attribution paragraphIndex article { id } speaker { name } } }',
);

const RATINGS = operation<{ articles: { edges: { node: { rating: { votes: number } } }[] } }>(
  '{ articles { edges { node { rating { votes } } } } }',
);

describe('node(id) and lookups', () => {
  let server: TestGateway;
  let ids: { article: string; person: string; quote: string };

  beforeAll(async () => {
    server = await startTestGateway();
    const { articles } = await server.executeData(IDS);
    const article = articles.edges[0].node;
    ids = { article: article.id, person: article.people[7].id, quote: article.quotes[2].id };
  });
  afterAll(() => server.close());

  it('resolves every Node type by its global ID', async () => {
    const { a, p, q } = await server.executeData(NODES, { a: ids.article, p: ids.person, q: ids.quote });
    expect(a).toEqual({ __typename: 'Article', id: ids.article, slug: SEED_SLUG });
    expect(p).toEqual({ __typename: 'Person', id: ids.person, name: 'Ramzan Kadyrov' });
    expect(q).toEqual({
      __typename: 'Quote',
      id: ids.quote,
      text: 'I think the war should reach its conclusion',
      speaker: { id: ids.person },
    });
  });

  it('gives opaque IDs that differ between types with the same key', async () => {
    expect(new Set(Object.values(ids)).size).toBe(3);
    for (const id of Object.values(ids)) expect(id).not.toMatch(/^\d+$/);
  });

  it('returns null for a well-formed ID of a record that does not exist', async () => {
    const data = await server.executeData(NODE_ID, { id: encodeGlobalId('Quote', 424242) });
    expect(data.node).toBeNull();
  });

  it('answers BAD_USER_INPUT for a malformed ID', async () => {
    for (const id of ['', '42', 'QXJ0aWNsZTphYmM', encodeGlobalId('Article', 1) + '!!']) {
      const result = await server.execute(NODE_ID, { id });
      expect(errorCode(result)).toBe('BAD_USER_INPUT');
    }
  });

  it('looks articles and people up by id or slug', async () => {
    const data = await server.executeData(LOOKUPS, { a: ids.article, p: ids.person });
    expect(data.byId?.slug).toBe(SEED_SLUG);
    expect(data.bySlug?.id).toBe(ids.article);
    expect(data.missing).toBeNull();
    expect(data.person?.slug).toBe('ramzan-kadyrov');
    expect(data.kadyrov).toEqual({ id: ids.person, name: 'Ramzan Kadyrov' });
    expect(data.nobody).toBeNull();
  });

  it('resolves quote(id) with its article and speaker', async () => {
    const data = await server.executeData(QUOTE, { q: ids.quote });
    expect(data.quote).toEqual({
      text: 'I think the war should reach its conclusion',
      attribution: 'Kadyrov stated',
      paragraphIndex: 5,
      article: { id: ids.article },
      speaker: { name: 'Ramzan Kadyrov' },
    });
  });

  it('answers BAD_USER_INPUT when a lookup names neither or both of id and slug, or an ID of another type', async () => {
    for (const query of [
      '{ article { id } }',
      `{ article(id: "${encodeGlobalId('Article', 1)}", slug: "x") { id } }`,
      '{ person { id } }',
      `{ person(id: "${encodeGlobalId('Article', 1)}") { id } }`,
      `{ quote(id: "${encodeGlobalId('Person', 1)}") { id } }`,
    ]) {
      expect(errorCode(await server.execute(query))).toBe('BAD_USER_INPUT');
    }
  });

  it('answers GRAPHQL_VALIDATION_FAILED for a field that does not exist', async () => {
    expect(errorCode(await server.execute('{ articles { edges { node { nonsense } } } }'))).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  // Transport: the body is parsed and size-checked before GraphQL sees it, so this one stays on HTTP.
  it('answers a body that is not JSON, or too large, with a JSON error', async () => {
    const post = (body: string) => fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    const broken = await post('{"query": ');
    expect(broken.status).toBe(400);
    expect(await broken.json()).toEqual({
      errors: [{ message: 'The request body is not valid JSON.', extensions: { code: 'BAD_REQUEST' } }],
    });
    const huge = await post(JSON.stringify({ query: '{ articles { totalCount } }', variables: { pad: 'x'.repeat(4 * 1024 * 1024) } }));
    expect(huge.status).toBe(413);
    const body = (await huge.json()) as { errors: { extensions: { code: string } }[] };
    expect(body.errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('hides unexpected failures behind INTERNAL_SERVER_ERROR without leaking SQL', async () => {
    const broken = await startTestGateway();
    try {
      await broken.gateway.dataSource.query('DROP TABLE article_rating');
      const result = await broken.execute(RATINGS);
      expect(errorCode(result)).toBe('INTERNAL_SERVER_ERROR');
      expect(result.errors?.[0].message).toBe('Internal server error');
      expect(JSON.stringify(result)).not.toMatch(/article_rating|SQLITE/i);
    } finally {
      await broken.close();
    }
  });
});
