import fs from 'node:fs';
import path from 'node:path';
import { createDataSource } from '../../src/db/data-source';
import { entities } from '../../src/modules/entities';
import { printGatewaySchema, SCHEMA_FILE } from '../../src/schema/print-schema';

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
