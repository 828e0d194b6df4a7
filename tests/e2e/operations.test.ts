import fs from 'node:fs';
import path from 'node:path';
import { buildSchema, parse, validate } from 'graphql';
import { startTestGateway, type TestGateway } from '../support/test-gateway';

const OPERATIONS = path.join(__dirname, '..', '..', 'schema', 'operations');
const operation = (name: string) => fs.readFileSync(path.join(OPERATIONS, `${name}.graphql`), 'utf8');

/** The example operations in schema/operations/ (what codegen types for clients): valid, and answered as written. */
describe('example operations', () => {
  let server: TestGateway;
  beforeAll(async () => {
    server = await startTestGateway();
  });
  afterAll(() => server.close());

  it('are valid against the committed schema', () => {
    const schema = buildSchema(fs.readFileSync(path.join(__dirname, '..', '..', 'schema', 'schema.graphql'), 'utf8'));
    const files = fs.readdirSync(OPERATIONS).filter((file) => file.endsWith('.graphql'));
    expect(files.sort()).toEqual([
      'article-page.graphql',
      'front-page.graphql',
      'person-page.graphql',
      'rate-article.graphql',
      'rating-changed.graphql',
      'search.graphql',
    ]);
    for (const file of files) {
      expect([file, validate(schema, parse(fs.readFileSync(path.join(OPERATIONS, file), 'utf8')))]).toEqual([file, []]);
    }
  });

  it('run against the seed article under the default limits', async () => {
    const front = await server.data(operation('front-page'));
    const [first] = front.articles.edges;
    expect(first.node.people.length).toBeGreaterThan(0);

    const article = (await server.data(operation('article-page'), { slug: first.node.slug })).article;
    expect(article.paragraphs.length).toBeGreaterThan(0);
    expect(article.quotes.length).toBeGreaterThan(0);

    const speaker = article.people[0];
    const person = (await server.data(operation('person-page'), { slug: speaker.slug })).person;
    expect(person.articles.edges.map((edge: { node: { id: string } }) => edge.node.id)).toContain(article.id);

    const search = (await server.data(operation('search'), { query: speaker.name.split(' ').pop() })).search;
    expect(search.totalCount).toBeGreaterThan(0);

    const vote = await server.data(
      operation('rate-article'),
      { input: { articleId: article.id, stars: 5 } },
      { 'x-voter-id': 'operations-voter' },
    );
    expect(vote.rateArticle.article).toEqual({
      id: article.id,
      rating: { votes: 1, average: 5, histogram: [0, 0, 0, 0, 1], viewerStars: 5 },
    });
  });
});
