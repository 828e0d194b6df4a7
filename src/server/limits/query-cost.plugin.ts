import type { ApolloServerPlugin } from '@apollo/server';
import { type DocumentNode, GraphQLError, type GraphQLOutputType, type GraphQLSchema, isListType, isNonNullType } from 'graphql';
import { type ComplexityEstimator, fieldExtensionsEstimator, getComplexity, simpleEstimator } from 'graphql-query-complexity';
import { ErrorCode } from '../../shared/errors';

/** Introspection lists (`types`, `fields`, `args`…) have no `first`: each counts at this many entries. */
const INTROSPECTION_LIST_ESTIMATE = 5;
/** Fields visited while costing, fragments expanded where spread. */
const MAX_QUERY_NODES = 10_000;

/** Costs remembered per parsed document, by operation name and variables; bounded per document. */
const COSTS_PER_DOCUMENT = 64;
/** Variables longer than this as JSON (an import's copy, say) are costed every time rather than kept. */
const MAX_REMEMBERED_VARIABLES = 1_000;

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
 * The cost of `document` with these variables, remembered per parsed document (Apollo keeps one per
 * query text): a page asked again with the same variables is not walked again. The walk was a
 * twentieth of an article page's CPU. Only successful costings are kept; a failure is thrown each time.
 */
function costOf(schema: GraphQLSchema, document: DocumentNode, operationName: string | undefined, variables: Record<string, unknown>) {
  const key = JSON.stringify([operationName ?? null, variables]);
  const remembered = key.length <= MAX_REMEMBERED_VARIABLES ? rememberedCosts(schema, document) : undefined;
  const known = remembered?.get(key);
  if (known !== undefined) return known;
  const cost = getComplexity({
    schema,
    query: document,
    variables,
    operationName,
    estimators: costEstimators,
    maxQueryNodes: MAX_QUERY_NODES,
  });
  if (remembered && remembered.size < COSTS_PER_DOCUMENT) remembered.set(key, cost);
  return cost;
}

const costs = new WeakMap<GraphQLSchema, WeakMap<DocumentNode, Map<string, number>>>();

function rememberedCosts(schema: GraphQLSchema, document: DocumentNode): Map<string, number> {
  let bySchema = costs.get(schema);
  if (!bySchema) costs.set(schema, (bySchema = new WeakMap()));
  let byDocument = bySchema.get(document);
  if (!byDocument) bySchema.set(document, (byDocument = new Map()));
  return byDocument;
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
            cost = costOf(schema, document, request.operationName ?? undefined, request.variables ?? {});
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
