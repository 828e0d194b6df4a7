import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, isListType, isNonNullType, type GraphQLOutputType } from 'graphql';
import { type ComplexityEstimator, fieldExtensionsEstimator, getComplexity, simpleEstimator } from 'graphql-query-complexity';
import { ErrorCode } from '../../shared/errors';

/** Introspection lists (`types`, `fields`, `args`…) have no `first`: each counts at this many entries. */
const INTROSPECTION_LIST_ESTIMATE = 5;
/** Fields visited while costing, fragments expanded where spread. */
const MAX_QUERY_NODES = 10_000;

const unwrap = (type: GraphQLOutputType) => (isNonNullType(type) ? type.ofType : type);

/** Introspection's own lists count like plain lists, so `__schema { types { fields { type { fields …` is bounded too. */
const introspectionListCost: ComplexityEstimator = ({ type, field, childComplexity }) => {
  if (!type.name.startsWith('__') || !isListType(unwrap(field.type))) return undefined;
  return 1 + childComplexity * INTROSPECTION_LIST_ESTIMATE;
};

export const costEstimators: ComplexityEstimator[] = [
  // The `complexity` declared on fields (src/shared/complexity.ts), then 1 for anything else.
  fieldExtensionsEstimator(),
  introspectionListCost,
  simpleEstimator({ defaultComplexity: 1 }),
];

/** Per-request state the plugin reads and writes. */
export interface CostContext {
  /** The operation's cost, once it has been computed. */
  cost?: number;
  /** The client asked for the cost in `extensions` (X-Query-Cost: true). */
  reportCost: boolean;
}

/**
 * Refuses an operation whose cost is over `maxCost` before it executes, with HTTP 400 and
 * QUERY_TOO_COSTLY giving the cost and the limit. Computed per request, after variables are
 * known: `articles(first: $n)` costs what `$n` says, which a cached per-document check could not see.
 */
export function queryCostPlugin<TContext extends CostContext>(maxCost: number): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, schema, contextValue }) {
          let cost: number;
          try {
            cost = getComplexity({
              schema,
              query: document,
              variables: request.variables ?? {},
              operationName: request.operationName ?? undefined,
              estimators: costEstimators,
              maxQueryNodes: MAX_QUERY_NODES,
            });
          } catch (error) {
            // Fragments spread inside fragments can expand to more nodes than the text shows.
            if (error instanceof Error && /maximum allowed number of nodes/.test(error.message)) {
              throw new GraphQLError(`The operation expands to more than ${MAX_QUERY_NODES} fields.`, {
                extensions: { code: ErrorCode.QUERY_TOO_COSTLY, limit: maxCost, http: { status: 400 } },
              });
            }
            // Fail closed: an argument that does not coerce (an explicit null for a defaulted variable,
            // say) fails only its own field in execution, while the rest of the operation would run
            // uncosted. An operation that cannot be costed does not run.
            throw new GraphQLError(
              `The operation's cost could not be computed: ${error instanceof Error ? error.message : String(error)}`,
              {
                extensions: { code: ErrorCode.BAD_USER_INPUT, http: { status: 400 } },
              },
            );
          }
          contextValue.cost = cost;
          if (cost > maxCost) {
            throw new GraphQLError(
              `Query cost ${cost} is over the limit of ${maxCost}: ask for fewer rows (first/last) or fewer nested lists.`,
              {
                extensions: { code: ErrorCode.QUERY_TOO_COSTLY, cost, limit: maxCost, http: { status: 400 } },
              },
            );
          }
        },
        async willSendResponse({ response, contextValue }) {
          if (!contextValue.reportCost || contextValue.cost === undefined || response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          result.extensions = { ...result.extensions, cost: { requested: contextValue.cost, limit: maxCost } };
        },
      };
    },
  };
}
