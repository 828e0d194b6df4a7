import fs from 'node:fs';
import path from 'node:path';
import {
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  isScalarType,
  isSpecifiedDirective,
  isSpecifiedScalarType,
} from 'graphql';
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
      'rateArticle(\n    """Which article, and how many stars."""\n    input: RateArticleInput!\n  ): RateArticlePayload!',
      'scalar DateTime',
      'first: Int = 20',
    ]) {
      expect(sdl).toContain(fragment);
    }
  });

  it('describes every type, field, argument, input field, enum value and directive argument', () => {
    const schema = buildGatewaySchema();
    const missing: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith('__') || (isScalarType(type) && isSpecifiedScalarType(type))) continue;
      if (!type.description) missing.push(type.name);
      if (isObjectType(type) || isInterfaceType(type)) {
        for (const field of Object.values(type.getFields())) {
          if (!field.description) missing.push(`${type.name}.${field.name}`);
          for (const arg of field.args) if (!arg.description) missing.push(`${type.name}.${field.name}(${arg.name})`);
        }
      }
      if (isInputObjectType(type)) {
        for (const field of Object.values(type.getFields())) if (!field.description) missing.push(`${type.name}.${field.name}`);
      }
      if (isEnumType(type)) for (const value of type.getValues()) if (!value.description) missing.push(`${type.name}.${value.name}`);
    }
    for (const directive of schema.getDirectives().filter((candidate) => !isSpecifiedDirective(candidate))) {
      if (!directive.description) missing.push(`@${directive.name}`);
      for (const arg of directive.args) if (!arg.description) missing.push(`@${directive.name}(${arg.name})`);
    }
    expect(missing).toEqual([]);
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
