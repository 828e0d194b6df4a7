import type { ApolloServerPlugin } from '@apollo/server';
import {
  type DocumentNode,
  GraphQLError,
  type GraphQLOutputType,
  type GraphQLSchema,
  isListType,
  isNonNullType,
  type OperationDefinitionNode,
} from 'graphql';
import { type ComplexityEstimator, fieldExtensionsEstimator, getComplexity, simpleEstimator } from 'graphql-query-complexity';
import { LRUCache } from 'lru-cache';
import { ErrorCode } from '../../shared/errors';

/** Introspection lists (`types`, `fields`, `args`…) have no `first`: each counts at this many entries. */
const INTROSPECTION_LIST_ESTIMATE = 5;
/** Fields visited while costing, fragments expanded where spread. */
const MAX_QUERY_NODES = 10_000;

/** Characters of remembered costs' keys (operation text, name and variables) per server: about 2 MiB. */
const REMEMBERED_COST_CHARS = 1_000_000;
/** A key longer than this (a long operation, an import's copy as a variable) is costed every time. */
const MAX_REMEMBERED_KEY = 16_000;

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
 * Costs remembered by operation text, operation name and the values of the variables the
 * operation declares (the only ones costing reads), least recently used forgotten first: a page
 * asked again with the same variables is not walked again. The walk was a twentieth of an article
 * page's CPU. Only successful costings are kept; a failure is thrown each time.
 */
class RememberedCosts {
  private readonly costs = new LRUCache<string, number>({
    maxSize: REMEMBERED_COST_CHARS,
    maxEntrySize: MAX_REMEMBERED_KEY,
    sizeCalculation: (_cost, key) => key.length,
  });

  costOf(
    schema: GraphQLSchema,
    document: DocumentNode,
    source: string,
    operation: OperationDefinitionNode | undefined,
    operationName: string | undefined,
    variables: Record<string, unknown>,
  ): number {
    const walk = () => operationCost(schema, document, operationName, variables);
    if (!operation) return walk();
    const declared = Object.fromEntries(
      (operation.variableDefinitions ?? []).map(({ variable }) => [variable.name.value, variables[variable.name.value]]),
    );
    const key = JSON.stringify([source, operation.name?.value ?? null, declared]);
    const known = this.costs.get(key);
    if (known !== undefined) return known;
    const cost = walk();
    if (key.length <= MAX_REMEMBERED_KEY) this.costs.set(key, cost);
    return cost;
  }
}

/** An operation's cost under the gateway's model (the fields' declared `complexity`, 1 otherwise). */
export function operationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | undefined,
  variables: Record<string, unknown>,
): number {
  return getComplexity({ schema, query: document, variables, operationName, estimators: costEstimators, maxQueryNodes: MAX_QUERY_NODES });
}

/**
 * The cost `walk` computes, or its refusal (HTTP 400): QUERY_TOO_COSTLY past the node limit,
 * BAD_USER_INPUT when it cannot be computed. With refuseOverLimit, shared by HTTP (the plugin
 * below) and WebSocket subscriptions.
 */
export function measuredCost(walk: () => number, maxCost: number): number {
  try {
    return walk();
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
    throw new GraphQLError(`The operation's cost could not be computed: ${error instanceof Error ? error.message : String(error)}`, {
      extensions: { code: ErrorCode.BAD_USER_INPUT, http: { status: 400 } },
    });
  }
}

/** Refuses a cost over `maxCost` with QUERY_TOO_COSTLY (HTTP 400), giving the cost and the limit. */
export function refuseOverLimit(cost: number, maxCost: number): void {
  if (cost > maxCost) {
    throw new GraphQLError(`Query cost ${cost} is over the limit of ${maxCost}: ask for fewer rows (first/last) or fewer nested lists.`, {
      extensions: { code: ErrorCode.QUERY_TOO_COSTLY, cost, limit: maxCost, http: { status: 400 } },
    });
  }
}

/**
 * Refuses an operation whose cost is over `maxCost` before it executes, with HTTP 400 and
 * QUERY_TOO_COSTLY giving the cost and the limit. Computed per request, after variables are
 * known: `articles(first: $n)` costs what `$n` says, which a cached per-document check could not see.
 */
export function queryCostPlugin<TContext extends CostContext>(maxCost: number): ApolloServerPlugin<TContext> {
  const remembered = new RememberedCosts();
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, source, operation, schema, contextValue }) {
          const cost = measuredCost(
            () => remembered.costOf(schema, document, source, operation, request.operationName ?? undefined, request.variables ?? {}),
            maxCost,
          );
          contextValue.cost = cost;
          refuseOverLimit(cost, maxCost);
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
