import { GraphQLError, type ValidationRule } from 'graphql';

/**
 * Refuses an operation whose root type the schema does not define (`subscription { … }` here,
 * there being no Subscription type). graphql-js 16 has no such rule (17 adds
 * KnownOperationTypesRule): execution fails instead with an error that carries no code, which
 * the client would see as INTERNAL_SERVER_ERROR. As a validation error it is a 400 with
 * GRAPHQL_VALIDATION_FAILED, like any other document the schema cannot run.
 */
export const knownOperationTypesRule: ValidationRule = (context) => ({
  OperationDefinition(node) {
    if (context.getSchema().getRootType(node.operation)) return;
    context.reportError(new GraphQLError(`The schema does not support ${node.operation} operations.`, { nodes: node }));
  },
});
