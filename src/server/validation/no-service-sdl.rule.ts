import { GraphQLError, type ValidationRule } from 'graphql';

/**
 * Refuses `_service` (a federation subgraph's SDL) where introspection is off: it tells as much
 * as `__schema`. A router composes from the committed `schema/subgraph.graphql` instead.
 */
export const noServiceSdlRule: ValidationRule = (context) => ({
  Field(node) {
    if (node.name.value !== '_service' || context.getParentType() !== context.getSchema().getQueryType()) return;
    context.reportError(
      new GraphQLError('_service is off where introspection is off: compose the supergraph from schema/subgraph.graphql.', { nodes: node }),
    );
  },
});
