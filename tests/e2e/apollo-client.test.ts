import fs from 'node:fs';
import path from 'node:path';
import { ApolloClient, gql, HttpLink, InMemoryCache } from '@apollo/client';
import { relayStylePagination } from '@apollo/client/utilities';
import { filter, firstValueFrom } from 'rxjs';
import { loadArchive } from '../support/archive';
import { startTestGateway, type TestGateway } from '../support/test-gateway';

const operation = (name: string) =>
  gql(fs.readFileSync(path.join(__dirname, '..', '..', 'schema', 'operations', `${name}.graphql`), 'utf8'));
const FRONT_PAGE = operation('front-page');
const ARTICLE_PAGE = operation('article-page');
const RATE_ARTICLE = operation('rate-article');

/** Apollo Client with a normalising InMemoryCache, as a news site would set it up, against the live server. */
describe('Apollo Client', () => {
  let server: TestGateway;
  let requests: number;

  const client = (voter: string) =>
    new ApolloClient({
      link: new HttpLink({
        uri: server.url,
        headers: { 'x-voter-id': voter },
        fetch: (input, init) => {
          requests += 1;
          return fetch(input, init);
        },
      }),
      cache: new InMemoryCache({
        possibleTypes: { Node: ['Article', 'Person', 'Quote'], SearchHit: ['Article', 'Person', 'Quote'] },
        typePolicies: { Query: { fields: { articles: relayStylePagination(['filter', 'orderBy']) } } },
      }),
    });

  beforeAll(async () => {
    server = await startTestGateway();
    await loadArchive(server.gateway.dataSource, { articles: 5, seed: 5, maxVotes: 0 });
  });
  beforeEach(() => {
    requests = 0;
  });
  afterAll(() => server.close());

  it('reads the front page and an article page, typed as the server answers them', async () => {
    const apollo = client('apollo-reader-1');
    const front = await apollo.query({ query: FRONT_PAGE, variables: { first: 3 } });
    const expected = await server.data('{ articles(first: 3) { edges { node { id headline rating { votes } } } } }');
    const nodes = (front.data as any).articles.edges.map(({ node }: any) => ({
      id: node.id,
      headline: node.headline,
      rating: { votes: node.rating.votes },
    }));
    expect(nodes).toEqual(expected.articles.edges.map(({ node }: any) => node));
    expect((front.data as any).articles.edges[0].node.__typename).toBe('Article');
    const slug = (front.data as any).articles.edges[0].node.slug;
    const article = await apollo.query({ query: ARTICLE_PAGE, variables: { slug } });
    expect((article.data as any).article.slug).toBe(slug);
  });

  it('updates the cached Article.rating from the vote, without a refetch', async () => {
    const apollo = client('apollo-voter-0001');
    const front = await apollo.query({ query: FRONT_PAGE, variables: { first: 3 } });
    const slug = (front.data as any).articles.edges[0].node.slug;
    const page = await apollo.query({ query: ARTICLE_PAGE, variables: { slug } });
    const article = (page.data as any).article;
    expect(article.rating.votes).toBe(0);
    expect(requests).toBe(2);

    await apollo.mutate({ mutation: RATE_ARTICLE, variables: { input: { articleId: article.id, stars: 4 } } });
    expect(requests).toBe(3);
    // Both views of the article read the new tally from the cache: no request is sent.
    const cachedPage = await apollo.query({ query: ARTICLE_PAGE, variables: { slug }, fetchPolicy: 'cache-only' });
    expect((cachedPage.data as any).article.rating).toEqual({
      __typename: 'Rating',
      votes: 1,
      average: 4,
      histogram: [0, 0, 0, 1, 0],
      viewerStars: 4,
    });
    const cachedFront = await apollo.query({ query: FRONT_PAGE, variables: { first: 3 }, fetchPolicy: 'cache-only' });
    expect((cachedFront.data as any).articles.edges[0].node.rating).toEqual({ __typename: 'Rating', votes: 1, average: 4 });
    expect(requests).toBe(3);
  });

  it('pages the front page with relayStylePagination: fetchMore appends to the cached list', async () => {
    const apollo = client('apollo-reader-2');
    const watched = apollo.watchQuery({ query: FRONT_PAGE, variables: { first: 2 } });
    // Watched, as a list on a page is: fetchMore then merges into what the page shows.
    const first = await firstValueFrom(watched.pipe(filter((result) => !result.loading && result.data !== undefined)));
    const firstPage = (first.data as any).articles;
    expect(firstPage.edges).toHaveLength(2);
    expect(firstPage.pageInfo.hasNextPage).toBe(true);
    await watched.fetchMore({ variables: { after: firstPage.pageInfo.endCursor } });
    const merged = (apollo.readQuery({ query: FRONT_PAGE, variables: { first: 2 } }) as any).articles;
    expect(merged.edges).toHaveLength(4);
    const ids = merged.edges.map((edge: any) => edge.node.id);
    expect(new Set(ids).size).toBe(4);
    const all = await server.data('{ articles(first: 4) { edges { node { id } } } }');
    expect(ids).toEqual(all.articles.edges.map((edge: any) => edge.node.id));
  });
});
