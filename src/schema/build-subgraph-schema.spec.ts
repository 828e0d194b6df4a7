import fs from 'node:fs';
import path from 'node:path';
import { type DocumentNode, getOperationAST, parse } from 'graphql';
import { cachePolicyOf } from '../server/cache/cache-policy';
import { operationCost } from '../server/limits/query-cost.plugin';
import { buildGatewaySchema } from './build-schema';
import { buildSubgraphGatewaySchema } from './build-subgraph-schema';

const OPERATIONS = path.join(__dirname, '..', '..', 'schema', 'operations');

/** The example operations, and shapes that lean on the declared costs (nested lists, search, counts). */
const documents: [string, DocumentNode, Record<string, unknown>][] = [
  ...fs
    .readdirSync(OPERATIONS)
    .filter((file) => file.endsWith('.graphql'))
    .map((file): [string, DocumentNode, Record<string, unknown>] => [
      file,
      parse(fs.readFileSync(path.join(OPERATIONS, file), 'utf8')),
      { first: 50, id: 'x', slug: 'x', query: 'peace', articleId: 'x', input: { articleId: 'x', stars: 5 } },
    ]),
  [
    'nested lists',
    parse(
      '{ articles(first: 100, orderBy: RATING_DESC) { totalCount edges { node { people { quotes { text } articles(first: 10) { edges { node { headline } } } } } } } }',
    ),
    {},
  ],
  ['search', parse('{ search(query: "peace", first: 30) { __typename } }'), {}],
];

describe('the subgraph schema (NEWSGATE_FEDERATION=true)', () => {
  const plain = buildGatewaySchema();
  const subgraph = buildSubgraphGatewaySchema();

  it.each(documents)('costs %s as the plain schema does', (_name, document, variables) => {
    const cost = operationCost(plain, document, undefined, variables);
    expect(cost).toBeGreaterThan(1);
    expect(operationCost(subgraph, document, undefined, variables)).toBe(cost);
  });

  it.each(documents)('gives %s the cache policy the plain schema gives it', (_name, document) => {
    const operation = getOperationAST(document)!;
    expect(cachePolicyOf(subgraph, document, operation)).toEqual(cachePolicyOf(plain, document, operation));
  });

  it('declares Article and Person as entities, and keeps every type and field of the plain schema', () => {
    for (const type of Object.values(plain.getTypeMap())) {
      if (type.name.startsWith('__')) continue;
      expect(subgraph.getType(type.name)?.toString()).toBe(type.name);
    }
    const keyOf = (name: string) => subgraph.getType(name)?.astNode?.directives?.find((directive) => directive.name.value === 'key');
    expect(keyOf('Article')).toBeDefined();
    expect(keyOf('Person')).toBeDefined();
    expect(keyOf('Quote')).toBeUndefined();
  });
});
