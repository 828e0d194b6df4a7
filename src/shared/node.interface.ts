import { Field, ID, InterfaceType } from 'type-graphql';

/**
 * Relay-style Node: every top-level record has an opaque global ID that `node(id)` resolves.
 * Entities keep their integer primary key in `id`; `NodeResolver` (src/modules/node/) turns it
 * into the global ID, and the GraphQL type is the entity's class name. Here, below the modules,
 * because the entities of several modules implement it.
 */
/** The GraphQL type of an object: its class's name (entity classes are named as their GraphQL types). */
export function typeNameOf(value: object): string {
  return value.constructor.name;
}

@InterfaceType({
  description: 'An object with an opaque global ID, resolvable through node(id).',
  resolveType: typeNameOf,
})
export abstract class Node {
  @Field(() => ID, { description: 'Opaque global ID; use it with node(id).' })
  id: string;
}
