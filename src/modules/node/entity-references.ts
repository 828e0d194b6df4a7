import { decodeGlobalId, type NodeTypeName } from '../../shared/global-id';
import { loadNode } from './load-node';
import type { NodeContext } from './node.context';

/** The types a federated supergraph may ask this subgraph for by key (`@key(fields: "id")`). */
export const ENTITY_TYPES = ['Article', 'Person'] as const satisfies readonly NodeTypeName[];
export type EntityTypeName = (typeof ENTITY_TYPES)[number];

/**
 * Loads the object a supergraph's representation names (`{ __typename: "Article", id }`, the same
 * global ID as `Article.id`), through the request's DataLoaders: the router sends a whole list of
 * representations at once, and they take one query per type. Null when there is no such object, or
 * when the ID names another type (a representation is not the client's input, so not an error).
 */
export function resolveEntityReference(
  type: EntityTypeName,
  reference: { id?: unknown },
  { loaders }: NodeContext,
): Promise<object | null> | null {
  const decoded = typeof reference.id === 'string' ? decodeGlobalId(reference.id) : null;
  if (!decoded || decoded.type !== type) return null;
  return loadNode(decoded, loaders);
}
