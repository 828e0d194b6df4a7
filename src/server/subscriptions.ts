import type http from 'node:http';
import {
  type ExecutionArgs,
  getOperationAST,
  GraphQLError,
  type GraphQLFormattedError,
  type GraphQLSchema,
  parse,
  specifiedRules,
  validate,
  type ValidationRule,
} from 'graphql';
import type { Disposable } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import type { Logger } from 'pino';
import { WebSocketServer } from 'ws';
import type { CorsOrigins, RequestLimits } from '../config';
import { VOTER_HEADER } from '../modules/rating/voter';
import { ErrorCode } from '../shared/errors';
import { clientAddress, type ContextRequest, type GatewayContext } from './context';
import { originAllowed } from './cors-policy';
import { nestedTooDeep } from './http-errors';
import { bracketNesting, maxBracketNesting } from './limits/document-nesting';
import { measuredCost, operationCost, refuseOverLimit } from './limits/query-cost.plugin';
import type { GatewayMetrics } from './observability/metrics';

/**
 * A page the gateway serves itself (GraphiQL) connects from its own origin, allowed whatever
 * CORS_ORIGINS says: the Origin's host is the Host the request was sent to, or, behind trusted
 * proxies (TRUST_PROXY), the X-Forwarded-Host the nearest one set. The data is public and read-only,
 * so a DNS-rebinding page (whose Host matches its Origin) gains nothing a plain GET would not give it.
 */
function sameOrigin(origin: string, request: http.IncomingMessage, trustProxyHops: number): boolean {
  const forwarded = trustProxyHops > 0 ? request.headers['x-forwarded-host'] : undefined;
  const hosts = [request.headers.host, ...(typeof forwarded === 'string' ? [forwarded.split(',').at(-1)!.trim()] : [])];
  try {
    const host = new URL(origin).host;
    return hosts.some((candidate) => candidate !== undefined && candidate.toLowerCase() === host);
  } catch {
    return false;
  }
}

/** Subscriptions one WebSocket connection may hold at once. */
export const MAX_SUBSCRIPTIONS_PER_CONNECTION = 10;
/** WebSocket connections one client address may hold at once. */
export const MAX_CONNECTIONS_PER_ADDRESS = 20;

export interface SubscriptionServerOptions {
  httpServer: http.Server;
  path: string;
  schema: GraphQLSchema;
  limits: RequestLimits;
  /** The rules HTTP requests are validated with beyond graphql-js's own (the shape limits). */
  validationRules: readonly ValidationRule[];
  /** Browser origins that may connect (CORS_ORIGINS): a page from another origin is refused. */
  corsOrigins: CorsOrigins;
  trustProxyHops: number;
  contextFor(req: ContextRequest): GatewayContext;
  /** The same error formatting as over HTTP (codes, masking, no suggestions in production). */
  formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError;
  log: Logger;
  /** Counts open connections and running subscriptions (/metrics). */
  metrics: Pick<GatewayMetrics, 'websocketConnections' | 'subscriptions'>;
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
export function serveSubscriptions(options: SubscriptionServerOptions): Disposable {
  const { httpServer, path, schema, limits, contextFor, log, metrics } = options;
  // A message is read whole before anything else: bounded like an HTTP body.
  const sockets = new WebSocketServer({ server: httpServer, path, maxPayload: limits.maxBodyBytes });
  const held = new WeakMap<object, Set<string>>();
  // Subscriptions running (the gauge), apart from those held against the cap: counted once the
  // subscribe resolver has given its stream (the article checked), just before graphql-ws starts
  // reading it, which is when the listener is registered.
  const running = new WeakMap<object, Set<string>>();
  // Ends a subscription, once, whichever of completion, error or the socket closing comes first.
  const ended = (ctx: object, id: string) => {
    held.get(ctx)?.delete(id);
    if (running.get(ctx)?.delete(id)) metrics.subscriptions.dec();
  };
  const connectionsByAddress = new Map<string, number>();
  const addressOf = new WeakMap<object, string>();
  const format = (errors: readonly GraphQLError[]) =>
    errors.map((error) => {
      // `http` (a status for HTTP responses) is Apollo's to read and strip; it means nothing here.
      const { http: _http, ...extensions } = error.extensions;
      const formatted = options.formatError({ ...error.toJSON(), extensions }, error);
      if (formatted.extensions?.code === ErrorCode.INTERNAL_SERVER_ERROR)
        log.error({ err: error, path: error.path }, 'unexpected error in a subscription');
      return formatted;
    });
  const rules = [...specifiedRules, ...options.validationRules];
  return useServer<Record<string, unknown> | undefined, { request: http.IncomingMessage }>(
    {
      schema,
      onConnect: (ctx) => {
        const { request } = ctx.extra;
        // Browsers send Origin on the upgrade, and CORS does not apply to WebSocket: checked here.
        const origin = request.headers.origin;
        if (origin !== undefined && !sameOrigin(origin, request, options.trustProxyHops) && !originAllowed(options.corsOrigins, origin)) {
          return false;
        }
        const address = clientAddress(request, options.trustProxyHops) ?? 'unknown';
        const open = connectionsByAddress.get(address) ?? 0;
        if (open >= MAX_CONNECTIONS_PER_ADDRESS) return false;
        connectionsByAddress.set(address, open + 1);
        addressOf.set(ctx, address);
        metrics.websocketConnections.inc();
        return true;
      },
      onClose: (ctx) => {
        const address = addressOf.get(ctx);
        if (address === undefined) return;
        metrics.websocketConnections.dec();
        for (const id of [...(held.get(ctx) ?? []), ...(running.get(ctx) ?? [])]) ended(ctx, id);
        addressOf.delete(ctx);
        const open = (connectionsByAddress.get(address) ?? 1) - 1;
        if (open > 0) connectionsByAddress.set(address, open);
        else connectionsByAddress.delete(address);
      },
      context: (ctx) => {
        // A browser cannot set headers on a WebSocket: it may send its X-Voter-Id in the connection's params.
        const { request } = ctx.extra;
        const voterId = ctx.connectionParams?.[VOTER_HEADER] ?? ctx.connectionParams?.voterId;
        const headers = typeof voterId === 'string' ? { ...request.headers, [VOTER_HEADER]: voterId } : request.headers;
        const context = contextFor({ headers, socket: request.socket });
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
        // As over HTTP, before parsing: graphql-js parses nested brackets by recursion.
        const maxNesting = maxBracketNesting(limits.maxDepth);
        if (bracketNesting(payload.query, maxNesting) > maxNesting) {
          const [{ message, extensions }] = nestedTooDeep(maxNesting).body.errors;
          return [new GraphQLError(message, { extensions })];
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
        try {
          const variables = payload.variables ?? {};
          const operationName = payload.operationName ?? undefined;
          refuseOverLimit(
            measuredCost(() => operationCost(schema, document, operationName, variables), limits.maxCost),
            limits.maxCost,
          );
        } catch (error) {
          return [error as GraphQLError];
        }
        ids.add(id);
        const args: ExecutionArgs = { schema, document, variableValues: payload.variables, operationName: payload.operationName };
        return args;
      },
      onOperation: (ctx, id, _payload, _args, result) => {
        if (!held.get(ctx)?.has(id) || !(Symbol.asyncIterator in result)) return;
        const ids = running.get(ctx) ?? new Set<string>();
        running.set(ctx, ids);
        ids.add(id);
        metrics.subscriptions.inc();
      },
      onNext: (_ctx, _id, _payload, _args, result) => (result.errors ? { ...result, errors: format(result.errors) } : result),
      onError: (ctx, id, _payload, errors) => {
        ended(ctx, id);
        return format(errors);
      },
      onComplete: (ctx, id) => ended(ctx, id),
    },
    sockets,
  );
}
