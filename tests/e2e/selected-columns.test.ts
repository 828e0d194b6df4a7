import {
  getNamedType,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLSchema,
  isLeafType,
  isNonNullType,
  isObjectType,
} from 'graphql';
import { writeDemoArchive } from '../../src/cli/demo-archive.writer';
import { buildGatewaySchema } from '../../src/schema/build-schema';
import { startTestGateway, type TestGateway } from '../support/test-gateway';

/**
 * The lists that select only the columns an operation asks for (src/db/column-selection.ts):
 * the article lists, related articles and an article's people. Every field asked for alone must
 * answer what a lookup by id (which reads every column) answers, so a field that reads a column
 * the mapping does not name fails here; and the statements leave out what is not asked for.
 */
describe('reads select the columns the operation asks for', () => {
  let server: TestGateway;
  let schema: GraphQLSchema;

  beforeAll(async () => {
    // Response cache off: every operation here must reach the database.
    server = await startTestGateway({ seed: false, responseCache: { enabled: false, maxBytes: 1 } });
    // The demo archive has images, standfirsts and descriptions, some null, some not.
    await writeDemoArchive(server.gateway.dataSource, { articles: 120, seed: 3 });
    schema = buildGatewaySchema();
  });
  afterAll(() => server.close());

  /** The selection of one field: leaf fields of its type one level down, arguments left to their defaults. */
  function selectionOf(field: GraphQLField<unknown, unknown>): string | null {
    if (field.args.some((arg) => isNonNullType(arg.type) && arg.defaultValue === undefined)) return null;
    const type = getNamedType(field.type);
    if (isLeafType(type)) return field.name;
    if (!isObjectType(type)) return `${field.name} { __typename }`;
    const leaves = Object.values(type.getFields()).filter(
      (inner) => isLeafType(getNamedType(inner.type)) && !inner.args.some((arg) => isNonNullType(arg.type)),
    );
    return `${field.name} { ${leaves.length ? leaves.map((inner) => inner.name).join(' ') : '__typename'} }`;
  }

  function fieldsOf(typeName: string): string[] {
    const type = schema.getType(typeName) as GraphQLObjectType;
    return Object.values(type.getFields())
      .map(selectionOf)
      .filter((selection): selection is string => selection !== null);
  }

  /**
   * Runs `wrap(selection)` with each field alone and compares what the field answers with what
   * `nodes(ids:)` answers for the same records: a lookup by id reads every column, whatever is asked.
   */
  async function expectEachFieldAnswersAsById(typeName: string, wrap: (selection: string) => string, nodes: (data: any) => any[]) {
    const fields = fieldsOf(typeName);
    expect(fields.length).toBeGreaterThan(3);
    const ids = nodes(await server.data(wrap('id'))).map((node) => node.id as string);
    expect(ids.length).toBeGreaterThan(0);
    const { nodes: byId } = await server.data(
      `query($ids: [ID!]!) { nodes(ids: $ids) { ... on ${typeName} { id ${fields.join(' ')} } } }`,
      {
        ids,
      },
    );
    for (const field of fields) {
      const name = field.split(' ')[0];
      const alone = nodes(await server.data(wrap(`id ${field}`)));
      expect({ field: name, values: alone.map((node) => [node.id, node[name]]) }).toEqual({
        field: name,
        values: byId.map((node: Record<string, unknown>) => [node.id, node[name]]),
      });
    }
  }

  it('answers every Article field of the front page alone as a lookup by id does', async () => {
    await expectEachFieldAnswersAsById(
      'Article',
      (selection) => `{ articles(first: 40) { edges { node { ${selection} } } } }`,
      (data) => data.articles.edges.map((edge: { node: unknown }) => edge.node),
    );
  });

  it("answers every field of an article's related articles and people alone as a lookup by id does", async () => {
    const { articles } = await server.data(
      '{ articles(first: 1, filter: { publishedBefore: "2024-01-01T00:00:00Z" }) { edges { node { slug } } } }',
    );
    const slug = articles.edges[0].node.slug as string;
    await expectEachFieldAnswersAsById(
      'Article',
      (selection) => `{ article(slug: "${slug}") { relatedArticles(first: 10) { ${selection} } } }`,
      (data) => data.article.relatedArticles,
    );
    await expectEachFieldAnswersAsById(
      'Person',
      (selection) => `{ articles(first: 4) { edges { node { people { ${selection} } } } } }`,
      (data) => data.articles.edges.flatMap((edge: { node: { people: unknown[] } }) => edge.node.people),
    );
  });

  it('reads the fields named in fragments, inline or not', async () => {
    const plain = await server.data(
      '{ articles(first: 10) { edges { node { id standfirst image { url } people { name description } } } } }',
    );
    const fragments = await server.data(`{ articles(first: 10) { edges { node { id ...Summary ... on Article { people { ...Who } } } } } }
      fragment Summary on Article { standfirst image { url } }
      fragment Who on Person { name ... on Person { description } }`);
    expect(fragments).toEqual(plain);
  });

  it('leaves out of the SQL the columns nobody asked for, and reads them when asked', async () => {
    const log = jest.spyOn(server.gateway.queryCounter, 'logQuery');
    const statementsOf = async (query: string) => {
      log.mockClear();
      await server.data(query);
      return log.mock.calls.map(([sql]) => sql).join('\n');
    };
    const lean = await statementsOf('{ articles(first: 20) { edges { node { headline people { name } } } } }');
    expect(lean).toContain('"person"."name"');
    expect(lean).toContain('"article"."headline"');
    for (const column of [
      '"person"."description"',
      '"person"."slug"',
      '"mention"."role"',
      '"article"."summary"',
      '"article"."source_url"',
    ]) {
      expect(lean).not.toContain(column);
    }
    const full = await statementsOf(
      '{ articles(first: 20) { edges { node { standfirst sourceUrl people(role: QUOTED) { name description } } } } }',
    );
    for (const column of ['"person"."description"', '"mention"."role"', '"article"."summary"', '"article"."source_url"']) {
      expect(full).toContain(column);
    }
    log.mockRestore();
  });
});
