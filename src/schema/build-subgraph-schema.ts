import { buildSubgraphSchema } from '@apollo/subgraph';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { type GraphQLSchema, isAbstractType, isInterfaceType, isObjectType, type ObjectTypeDefinitionNode, parse, visit } from 'graphql';
import { createResolversMap } from 'type-graphql';
import { ENTITY_TYPES, resolveEntityReference } from '../modules/node/entity-references';
import type { NodeContext } from '../modules/node/node.context';
import { badUserInput } from '../shared/errors';
import { typeNameOf } from '../shared/node.interface';
import { buildGatewaySchema } from './build-schema';

/** The federation spec this subgraph declares, and the directives it uses from it. */
export const FEDERATION_LINK = '@link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])';

/** What a supergraph may send for each representation: more than the router batches in one fetch. */
const entityCost = ({ args, childComplexity }: { args: Record<string, unknown>; childComplexity: number }) =>
  1 + childComplexity * Math.max(Array.isArray(args.representations) ? args.representations.length : 1, 1);

/** Representations one `_entities` call may ask for: a router asks for one page's worth at a time. */
export const MAX_REPRESENTATIONS = 500;

function isEntityRepresentation(value: unknown): boolean {
  if (value === null || typeof value !== 'object') return false;
  const { __typename, id } = value as { __typename?: unknown; id?: unknown };
  return (ENTITY_TYPES as readonly unknown[]).includes(__typename) && typeof id === 'string';
}

let cached: GraphQLSchema | undefined;

/**
 * The same schema as an Apollo Federation 2 subgraph (NEWSGATE_FEDERATION=true): Article and Person
 * are entities keyed by their global `id`, with `_service { sdl }` and `_entities` added by
 * @apollo/subgraph. Built from the type-graphql schema's SDL and resolvers, as type-graphql's own
 * federation example does; the entity keys are declared here, so the plain schema carries no
 * federation directive.
 */
export function buildSubgraphGatewaySchema(): GraphQLSchema {
  if (cached) return cached;
  const plain = buildGatewaySchema();
  // @key on the entities' own definitions: this subgraph owns them (not an `extend type`).
  const key = (parse('type Keyed @key(fields: "id")').definitions[0] as ObjectTypeDefinitionNode).directives![0];
  const typeDefs = visit(parse(`extend schema ${FEDERATION_LINK}\n${printSchemaWithDirectives(plain)}`), {
    ObjectTypeDefinition: (node) =>
      (ENTITY_TYPES as readonly string[]).includes(node.name.value)
        ? { ...node, directives: [...(node.directives ?? []), key] }
        : undefined,
  });
  const resolvers = createResolversMap(plain) as Record<string, Record<string, unknown>>;
  for (const type of ENTITY_TYPES) {
    resolvers[type] = {
      ...resolvers[type],
      __resolveReference: (reference: { id?: unknown }, context: NodeContext) => resolveEntityReference(type, reference, context),
    };
  }
  const schema = buildSubgraphSchema([{ typeDefs, resolvers: resolvers as never }]);
  // As in build-schema.ts: abstract types resolve by class name, synchronously (graphql-jit).
  for (const type of Object.values(schema.getTypeMap())) {
    if (isAbstractType(type) && type.name !== '_Entity') type.resolveType = typeNameOf;
  }
  // The SDL carries no field extensions: the costs declared on fields (src/shared/complexity.ts)
  // are copied over, or every list would cost 1 in the subgraph.
  for (const type of Object.values(plain.getTypeMap())) {
    const twin = schema.getType(type.name);
    if (!(isObjectType(type) || isInterfaceType(type)) || !twin || !(isObjectType(twin) || isInterfaceType(twin))) continue;
    const twinFields = twin.getFields();
    for (const field of Object.values(type.getFields())) {
      if (twinFields[field.name])
        Object.assign(twinFields[field.name], { extensions: { ...twinFields[field.name].extensions, ...field.extensions } });
    }
  }
  const entities = schema.getQueryType()!.getFields()._entities;
  Object.assign(entities, { extensions: { ...entities.extensions, complexity: entityCost } });
  // @apollo/subgraph passes a representation of any other type through as it came, to fail item by
  // item (an internal error each); refused here as a whole, like nodes(ids:) past its cap.
  const resolveEntities = entities.resolve!;
  entities.resolve = (source, args: { representations: unknown[] }, context, info) => {
    const { representations } = args;
    if (representations.length > MAX_REPRESENTATIONS) {
      throw badUserInput(`representations may hold at most ${MAX_REPRESENTATIONS}.`, { argumentName: 'representations' });
    }
    const wrong = representations.findIndex((representation) => !isEntityRepresentation(representation));
    if (wrong >= 0) {
      throw badUserInput(
        `representations[${wrong}] is not an entity of this subgraph: a __typename among ${ENTITY_TYPES.join(', ')} and a string id.`,
        {
          argumentName: 'representations',
        },
      );
    }
    return resolveEntities(source, args, context, info);
  };
  // The root descriptions the plain schema sets in code (not in its SDL).
  for (const [root, from] of [
    [schema.getQueryType(), plain.getQueryType()],
    [schema.getMutationType(), plain.getMutationType()],
    [schema.getSubscriptionType(), plain.getSubscriptionType()],
  ] as const) {
    if (root && from) root.description = from.description;
  }
  cached = schema;
  return schema;
}
