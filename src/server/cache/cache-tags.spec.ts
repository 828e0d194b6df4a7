import {
  buildSchema,
  execute,
  type GraphQLFieldResolver,
  type GraphQLObjectType,
  type GraphQLSchema,
  type GraphQLUnionType,
  parse,
} from 'graphql';
import { collectCacheTags } from './cache-tags';

/** The gateway's shapes in miniature: objects reached through lists, connections, a union and lookups. */
class Article {
  constructor(
    readonly id: number,
    readonly headline: string,
  ) {}
}
class Person {
  constructor(
    readonly id: number,
    readonly name: string,
  ) {}
}
class Quote {
  constructor(
    readonly id: number,
    readonly articleId: number,
  ) {}
}
class Rating {
  constructor(readonly articleId: number) {}
  get votes() {
    return 3;
  }
}

const people = [new Person(7, 'Ada'), new Person(8, 'Bo')];
const articles = [new Article(1, 'One'), new Article(2, 'Two')];

function miniature(): GraphQLSchema {
  const schema = buildSchema(/* GraphQL */ `
    type Query {
      articles(orderBy: String): ArticleConnection!
      article(id: Int!): Article
      search: [Hit!]!
      entities: [Hit]!
    }
    type ArticleConnection {
      edges: [ArticleEdge!]!
    }
    type ArticleEdge {
      node: Article!
    }
    type Article {
      id: Int!
      headline: String!
      people: [Person!]!
      rating: Rating!
      relatedArticles: [Article!]!
    }
    type Person {
      id: Int!
      name: String!
    }
    type Quote {
      id: Int!
    }
    type Rating {
      votes: Int!
    }
    union Hit = Article | Person | Quote
  `);
  const resolvers: Record<string, Record<string, (source: never, args: never) => unknown>> = {
    Query: {
      articles: () => ({ edges: articles.map((node) => ({ node })) }),
      article: async (_: unknown, { id }: { id: number }) => articles.find((article) => article.id === id) ?? null,
      search: () => [people[0], new Quote(30, 2)],
      // As federation's _entities answers: a list of promises, one per representation.
      entities: () => [Promise.resolve(articles[0]), Promise.resolve(people[1]), Promise.resolve(null)],
    },
    Article: {
      people: async () => people,
      rating: (article: Article) => new Rating(article.id),
      relatedArticles: async () => [articles[1]],
    },
  };
  for (const [type, fields] of Object.entries(resolvers)) {
    for (const [name, resolve] of Object.entries(fields))
      (schema.getType(type) as GraphQLObjectType).getFields()[name].resolve = resolve as unknown as GraphQLFieldResolver<unknown, unknown>;
  }
  (schema.getType('Hit') as GraphQLUnionType).resolveType = (value: object) => value.constructor.name;
  return schema;
}

async function tagsOf(query: string, schema = collectCacheTags(miniature())): Promise<string[]> {
  const cacheTags = new Set<string>();
  const result = await execute({ schema, document: parse(query), contextValue: { cacheTags } });
  expect(result.errors).toBeUndefined();
  return [...cacheTags].sort();
}

describe('collectCacheTags', () => {
  it('tags every object where a field returns it: in connections, nested lists and sync values', async () => {
    expect(await tagsOf('{ articles { edges { node { headline people { name } rating { votes } } } } }')).toEqual(
      ['Article:1', 'Article:2', 'Person:7', 'Person:8', 'Rating:1', 'Rating:2', 'lists'].sort(),
    );
  });

  it('tags the objects of a union by their own type, a quote with its article too', async () => {
    expect(await tagsOf('{ search { __typename } }')).toEqual(['Article:2', 'Person:7', 'Quote:30', 'lists'].sort());
  });

  it('tags the objects of a list of promises once each resolves', async () => {
    expect(await tagsOf('{ entities { __typename } }')).toEqual(['Article:1', 'Person:8', 'lists'].sort());
  });

  it('tags what a lookup found even when no field of it is selected, and a miss as lists', async () => {
    expect(await tagsOf('{ article(id: 2) { __typename } }')).toEqual(['Article:2']);
    expect(await tagsOf('{ article(id: 99) { __typename } }')).toEqual(['lists']);
  });

  it('marks lists an import can change below the root, and rating-ordered lists', async () => {
    expect(await tagsOf('{ article(id: 1) { relatedArticles { headline } } }')).toEqual(['Article:1', 'Article:2', 'lists']);
    expect(await tagsOf('{ articles(orderBy: "RATING_DESC") { edges { node { id } } } }')).toContain('rated-lists');
  });

  it('leaves the fields of the tagged objects without resolvers, and requests without a tag set untouched', async () => {
    const schema = collectCacheTags(miniature());
    const article = schema.getType('Article') as GraphQLObjectType;
    expect(article.getFields().headline.resolve).toBeUndefined();
    expect(article.getFields().people.resolve).toBeDefined();
    const result = await execute({ schema, document: parse('{ articles { edges { node { people { name } } } } }'), contextValue: {} });
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ articles: { edges: [1, 2].map(() => ({ node: { people: [{ name: 'Ada' }, { name: 'Bo' }] } })) } });
  });
});
