import fs from 'node:fs';
import path from 'node:path';
import { isObjectType } from 'graphql';
import { getMetadataStorage } from 'type-graphql';
import { createDataSource } from '../../src/db/data-source';
import { entities } from '../../src/modules/entities';
import { buildGatewaySchema } from '../../src/schema/build-schema';
import { printGatewaySchema, SCHEMA_FILE } from '../../src/schema/print-schema';
import { collectCacheTags } from '../../src/server/cache/cache-tags';

describe('schema', () => {
  it('schema/schema.graphql matches the code (run `npm run schema` after changing the schema)', () => {
    const committed = fs.readFileSync(path.join(__dirname, '..', '..', SCHEMA_FILE), 'utf8');
    expect(printGatewaySchema()).toBe(committed);
  });

  it('keeps the contract names the clients rely on', () => {
    const sdl = printGatewaySchema();
    for (const fragment of [
      'interface Node',
      'type Article implements Node',
      'type Person implements Node',
      'type Quote implements Node',
      'people(\n    """Only the people with this role."""\n    role: MentionRole\n  ): [Person!]!',
      'histogram: [Int!]!',
      'rateArticle(input: RateArticleInput!): RateArticlePayload!',
      'scalar DateTime',
      'first: Int = 20',
    ]) {
      expect(sdl).toContain(fragment);
    }
  });

  it('reads plain fields as properties (no resolver per field), and a renamed field through its property', () => {
    const schema = collectCacheTags(buildGatewaySchema());
    const fieldOf = (type: string, field: string) => {
      const named = schema.getType(type);
      if (!isObjectType(named)) throw new Error(`${type} is not an object type`);
      return named.getFields()[field];
    };
    // The object types are declared with simpleResolvers, and cache tags wrap only the fields that return tagged objects.
    for (const [type, field] of [
      ['Article', 'headline'],
      ['Article', 'publishedAt'],
      ['Person', 'name'],
      ['Quote', 'text'],
      ['Rating', 'histogram'],
    ]) {
      expect(fieldOf(type, field).resolve).toBeUndefined();
    }
    // A field whose name differs from its property would read nothing as a simple field (Article.standfirst reads summary).
    const storage = getMetadataStorage();
    const renamed = storage.fields
      .filter((field) => field.schemaName !== field.name)
      .flatMap((field) => {
        const type = storage.objectTypes.find((objectType) => objectType.target === field.target);
        return type && schema.getType(type.name) ? [`${type.name}.${field.schemaName}`] : [];
      });
    expect(renamed).toContain('Article.standfirst');
    const unread = renamed.filter((name) => {
      const [type, field] = name.split('.');
      return fieldOf(type, field).resolve === undefined;
    });
    expect(unread).toEqual([]);
  });

  it('the migrations build exactly the tables the entities describe', async () => {
    const dataSource = createDataSource({ type: 'sqlite', database: ':memory:' }, entities);
    await dataSource.initialize();
    try {
      await dataSource.runMigrations();
      const pending = await dataSource.driver.createSchemaBuilder().log();
      expect(pending.upQueries.map((query) => query.query)).toEqual([]);
    } finally {
      await dataSource.destroy();
    }
  });
});
