import { Field, ID, InterfaceType } from 'type-graphql';

/**
 * Relay-style Node: every top-level record has an opaque global ID that `node(id)` resolves.
 * Entities keep their integer primary key in `id`; `NodeResolver` (src/modules/node/) turns it
 * into the global ID, and the GraphQL type is the entity's class name. Here, below the modules,
 * because the entities of several modules implement it.
 */
@InterfaceType({
  description: 'An object with an opaque global ID, resolvable through node(id).',
  resolveType: (value: object) => value.constructor.name,
})
export abstract class Node {
  @Field(() => ID, { description: 'Opaque global ID; use it with node(id).' })
  id: string;
}
