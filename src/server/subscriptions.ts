import type http from 'node:http';
import { type ExecutionArgs, getOperationAST, GraphQLError, type GraphQLSchema, parse, specifiedRules, validate } from 'graphql';
import { getComplexity } from 'graphql-query-complexity';
import type { Disposable } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import type { RequestLimits } from '../config';
import { ErrorCode } from '../shared/errors';
import type { ContextRequest, GatewayContext } from './context';
import { costEstimators } from './limits/query-cost.plugin';
import { shapeLimitRules } from './limits/validation-limits';
import { knownOperationTypesRule } from './validation/known-operation-types.rule';

/** Subscriptions one WebSocket connection may hold at once. */
export const MAX_SUBSCRIPTIONS_PER_CONNECTION = 10;

export interface SubscriptionServerOptions {
  httpServer: http.Server;
  path: string;
  schema: GraphQLSchema;
  limits: RequestLimits;
  contextFor(req: ContextRequest): GatewayContext;
}

const refusal = (message: string, code: string, extensions: Record<string, unknown> = {}) =>
  new GraphQLError(message, { extensions: { code, ...extensions } });

/**
 * GraphQL subscriptions over WebSocket (the graphql-ws protocol) on the GraphQL path of the HTTP
 * server. Only subscriptions: queries and mutations go over HTTP, where the response cache, logs
 * and limits see them. A subscription passes the limits a query does (tokens, depth, aliases,
 * root fields, directives, cost) before it starts, and a connection holds at most
 * MAX_SUBSCRIPTIONS_PER_CONNECTION. Its context is made once, from the upgrade request (voter
 * headers included), and is not bound by the operation deadline: it lives as long as the client
 * listens. `dispose()` closes every socket (shutdown).
 */
export function serveSubscriptions({ httpServer, path, schema, limits, contextFor }: SubscriptionServerOptions): Disposable {
  const sockets = new WebSocketServer({ server: httpServer, path });
  const held = new WeakMap<object, Set<string>>();
  const rules = [...specifiedRules, ...shapeLimitRules(limits), knownOperationTypesRule];
  return useServer<Record<string, unknown> | undefined, { request: http.IncomingMessage }>(
    {
      schema,
      context: (ctx) => {
        const context = contextFor(ctx.extra.request);
        context.deadline.letFinish();
        return context as unknown as Record<string, unknown>;
      },
      onSubscribe: (ctx, id, payload) => {
        const ids = held.get(ctx) ?? new Set<string>();
        held.set(ctx, ids);
        if (ids.size >= MAX_SUBSCRIPTIONS_PER_CONNECTION) {
          return [
            refusal(`A connection may hold at most ${MAX_SUBSCRIPTIONS_PER_CONNECTION} subscriptions.`, ErrorCode.RATE_LIMITED, {
              limit: MAX_SUBSCRIPTIONS_PER_CONNECTION,
            }),
          ];
        }
        let document;
        try {
          document = parse(payload.query, { maxTokens: limits.maxTokens });
        } catch (error) {
          return [refusal(error instanceof Error ? error.message : String(error), ErrorCode.GRAPHQL_PARSE_FAILED)];
        }
        // As over HTTP: graphql-js's own rules name no code, Apollo calls them GRAPHQL_VALIDATION_FAILED.
        const errors = validate(schema, document, rules).map((error) =>
          error.extensions.code
            ? error
            : new GraphQLError(error.message, { nodes: error.nodes, extensions: { code: ErrorCode.GRAPHQL_VALIDATION_FAILED } }),
        );
        if (errors.length > 0) return errors;
        const operation = getOperationAST(document, payload.operationName);
        if (!operation) return [refusal('No operation to run: name one with operationName.', ErrorCode.OPERATION_RESOLUTION_FAILURE)];
        if (operation.operation !== 'subscription') {
          return [refusal('Only subscriptions run over WebSocket; send queries and mutations over HTTP.', ErrorCode.BAD_REQUEST)];
        }
        let cost: number;
        try {
          cost = getComplexity({
            schema,
            query: document,
            variables: payload.variables ?? {},
            operationName: payload.operationName ?? undefined,
            estimators: costEstimators,
          });
        } catch (error) {
          return [refusal(`The operation's cost could not be computed: ${String(error)}`, ErrorCode.BAD_USER_INPUT)];
        }
        if (cost > limits.maxCost) {
          return [
            refusal(`Query cost ${cost} is over the limit of ${limits.maxCost}.`, ErrorCode.QUERY_TOO_COSTLY, {
              cost,
              limit: limits.maxCost,
            }),
          ];
        }
        ids.add(id);
        const args: ExecutionArgs = { schema, document, variableValues: payload.variables, operationName: payload.operationName };
        return args;
      },
      onComplete: (ctx, id) => {
        held.get(ctx)?.delete(id);
      },
      onError: (ctx, id) => {
        held.get(ctx)?.delete(id);
      },
    },
    sockets,
  );
}
