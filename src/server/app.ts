import 'reflect-metadata';
import http, { type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer, type GraphQLRequest, type GraphQLResponse, HeaderMap } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import {
  ApolloServerPluginLandingPageLocalDefault,
  ApolloServerPluginLandingPageProductionDefault,
} from '@apollo/server/plugin/landingPage/default';
import { expressMiddleware } from '@as-integrations/express5';
import cors from 'cors';
import express from 'express';
import { print, type TypedQueryDocumentNode } from 'graphql';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import type { AppConfig } from '../config';
import { openDatabase, openReaders } from '../db/data-source';
import { ExternalWrites } from '../db/external-writes';
import { InstanceSetting } from '../db/instance-setting.entity';
import { voterSalt } from '../db/instance-settings';
import { optimizeOnClose } from '../db/pragmas';
import { QueryCounter } from '../db/query-counter';
import { ReplicaPositions } from '../db/replica-positions';
import { sharedRateLimiters } from '../db/shared-rate-limits';
import { underStartupLock } from '../db/startup-lock';
import { WriteQueue } from '../db/write-queue';
import { entities } from '../modules/entities';
import { ExtractionPool } from '../modules/import/extraction-pool';
import { seedIfNeeded } from '../modules/import/seed/seed';
import { VoteCommitter } from '../modules/rating/vote-committer';
import { VoteLimiter } from '../modules/rating/vote-limiter';
import { buildGatewaySchema } from '../schema/build-schema';
import { buildSubgraphGatewaySchema } from '../schema/build-subgraph-schema';
import { collectCacheTags } from './cache/cache-tags';
import { ResponseCache } from './cache/response-cache';
import { compiledExecution } from './compiled-execution';
import { type ContextRequest, createContext, type GatewayContext } from './context';
import { checkDeadlineAtRootFields } from './deadline';
import { createEditorCheck, createEditorKeyTest } from './editor-auth';
import { GRAPHIQL_PATH, serveGraphiQL } from './explorer/graphiql';
import { createFormatError } from './format-error';
import { createGraphQLFastPath } from './graphql-fast-path';
import { httpErrorHandler, nestedTooDeep } from './http-errors';
import { bracketNesting, maxBracketNesting } from './limits/document-nesting';
import { queryCostPlugin } from './limits/query-cost.plugin';
import { shapeLimitRules } from './limits/validation-limits';
import { createLogger } from './logger';
import { GatewayMetrics } from './observability/metrics';
import { RequestObserver } from './observability/request-observer';
import { cachePolicyPlugin } from './plugins/cache-policy.plugin';
import { landingPagePlugin } from './plugins/landing-page.plugin';
import { legacyJsonStatusPlugin } from './plugins/legacy-json-status.plugin';
import { readRoutingPlugin } from './plugins/read-routing.plugin';
import { requestFactsPlugin } from './plugins/request-facts.plugin';
import { requestStatePlugin } from './plugins/request-state.plugin';
import { ReadRouting } from './read-routing';
import { checkReadiness, type Readiness } from './readiness';
import { createServices } from './services';
import { openSharedEvents, type SharedEvents } from './shared-events';
import { serveSubscriptions } from './subscriptions';
import { knownOperationTypesRule } from './validation/known-operation-types.rule';
import { noServiceSdlRule } from './validation/no-service-sdl.rule';

export const GRAPHQL_PATH = '/graphql';

/** Refuses, before parsing, a document whose brackets nest deeper than `max` (see document-nesting.ts). */
function refuseDeepNesting(max: number): express.RequestHandler {
  return (req, res, next) => {
    const source =
      typeof req.body?.query === 'string' ? req.body.query : typeof req.query?.query === 'string' ? req.query.query : undefined;
    if (source === undefined || bracketNesting(source, max) <= max) {
      next();
      return;
    }
    const { status, body } = nestedTooDeep(max);
    res.status(status).json(body);
  };
}

/** An operation's variables, as Apollo takes them. */
export type OperationVariables = NonNullable<GraphQLRequest['variables']>;

/** Who sends an in-process operation (RunningGateway.execute): as an HTTP request would say it. */
export interface InProcessRequest {
  headers?: Record<string, string>;
  /** The socket's peer address; a loopback client's by default. */
  remoteAddress?: string;
}

export interface RunningGateway {
  /** e.g. http://127.0.0.1:4000/graphql */
  url: string;
  port: number;
  dataSource: DataSource;
  queryCounter: QueryCounter;
  /** The response cache (null when NEWSGATE_RESPONSE_CACHE is off): its hit and miss counts. */
  responseCache: ResponseCache | null;
  /** What /metrics serves. */
  metrics: GatewayMetrics;
  log: Logger;
  /**
   * Runs one operation in process through Apollo's executeOperation (resolver-level tests): the
   * same schema, limits, plugins, services and context (loaders, deadline, request id, viewer,
   * editor check) as an HTTP request with these headers from this address, without the transport
   * (no socket, no JSON body, no body size limits, no bracket-nesting check before parsing).
   */
  execute<TData = Record<string, unknown>, TVariables extends OperationVariables = OperationVariables>(
    query: string | TypedQueryDocumentNode<TData, TVariables>,
    variables?: TVariables,
    request?: InProcessRequest,
  ): Promise<GraphQLResponse<TData>>;
  close(): Promise<void>;
}

/**
 * Opens the database (migrating it, and loading the seed article into a new one), then serves
 * GraphQL over HTTP. `config.port` 0 picks a free port (tests).
 */
export async function startGateway(config: AppConfig, log: Logger = createLogger(config.logLevel)): Promise<RunningGateway> {
  const queryCounter = new QueryCounter(log.child({ component: 'sql' }));
  const dataSource = await openDatabase(config.database, entities, queryCounter);
  let readers: DataSource[] = [];
  let shared: SharedEvents | undefined;
  let replicaPositions: ReplicaPositions | undefined;
  // Imported copy is extracted in worker threads, never on the thread serving readers.
  const extraction = new ExtractionPool(config.imports);
  try {
    const writes = new WriteQueue(dataSource);
    if (config.seed && (await underStartupLock(dataSource, () => seedIfNeeded(writes, extraction))))
      log.info('loaded the seed article into the new database');
    const salt = config.voterSalt ?? (await voterSalt(dataSource.getRepository(InstanceSetting)));
    // Requests take turns over the reader connections; every write goes through the one writer.
    readers = await openReaders(config.database, entities, config.readConnections, queryCounter);
    // One set of per-address vote limits for the whole process, shared by every reader's services,
    // and on PostgreSQL counted in the database for every gateway on it.
    const limiters = sharedRateLimiters(dataSource);
    const voteLimiter = new VoteLimiter(config.votes, limiters ? { shared: { limiters, secret: salt } } : {});
    // Public query responses, evicted by the writes that change what they hold (src/server/cache/).
    const replicas = config.database.type === 'postgres' && config.database.replicaUrls.length > 0;
    const cache = config.responseCache.enabled ? new ResponseCache(config.responseCache.maxBytes) : null;
    // What writes change (cache tags) and votes' new tallies (ratingChanged), heard in this gateway
    // and, on PostgreSQL, in every other gateway on the database (src/server/shared-events.ts).
    let routing: ReadRouting | null = null;
    shared = await openSharedEvents(config.database, cache, log, {
      writers: (writers, position) => routing?.noted(writers, position),
      changed: (position) => routing?.changed(position),
      gap: () => routing?.gap(),
    });
    const { changes, ratingEvents } = shared;
    const externalWrites = new ExternalWrites(dataSource, shared.notifications);
    await externalWrites.check();
    const voteCommitter = new VoteCommitter(writes, changes);
    const servicesOn = (connection: DataSource) =>
      createServices(connection, { writes, extractor: extraction, voteLimiter, voteCommitter, changes, ratingEvents });
    const servicePool = (readers.length > 0 ? readers : [dataSource]).map(servicesOn);
    // With read replicas, each query reads where the client's own writes already are
    // (src/server/read-routing.ts); mutations and subscriptions read the primary.
    const primaryServices = replicas ? servicesOn(dataSource) : null;
    if (replicas) {
      const positions = new ReplicaPositions(readers);
      replicaPositions = positions;
      positions.watch();
      queryCounter.onError = (error, queryRunner) => {
        if (queryRunner) positions.failed(queryRunner.connection, error);
      };
      routing = new ReadRouting(dataSource, positions, () => externalWrites.check(), log);
      await routing.requireCurrent();
    }
    let turn = 0;
    const nextServices = () => servicePool[turn++ % servicePool.length];
    const checkEditor = createEditorCheck(config.editorKeys);
    const isEditor = createEditorKeyTest(config.editorKeys);
    const { limits } = config;
    const production = config.nodeEnv === 'production';

    // Prometheus metrics (/metrics) and one log line per GraphQL request (src/server/observability/).
    const metrics = new GatewayMetrics();
    for (const connection of [dataSource, ...readers]) metrics.observeSql(connection);
    const observer = new RequestObserver(log, metrics, { cacheEnabled: cache !== null, countsStatements: config.logSqlStatements });

    const app = express();
    // No X-Powered-By: the server's make is nobody's business.
    app.disable('x-powered-by');
    // Set once Apollo has started: anonymous GraphQL requests, the bulk of the traffic, skip Express.
    let fastPath: (req: http.IncomingMessage, res: http.ServerResponse) => boolean = () => false;
    const httpServer = http.createServer((req, res) => {
      // GraphQL requests only: not CORS preflights (the observer also leaves out the landing page).
      if (req.url?.startsWith(GRAPHQL_PATH) && req.method !== 'OPTIONS') observer.watch(req, res);
      if (!fastPath(req, res)) app(req, res);
    });
    // A client that sends its headers or body slowly holds a connection without ever reaching the
    // operation deadline (which starts once the body is read): Node's defaults allow 60 s and 300 s.
    httpServer.headersTimeout = 10_000;
    httpServer.requestTimeout = 30_000;
    // NEWSGATE_FEDERATION: the same schema as a federation subgraph (src/schema/build-subgraph-schema.ts).
    const schema = collectCacheTags(checkDeadlineAtRootFields(config.federation ? buildSubgraphGatewaySchema() : buildGatewaySchema()));
    // One context builder for HTTP requests and in-process operations alike.
    const contextFor = (req: ContextRequest) => {
      const context = createContext(req, {
        services: nextServices(),
        voterSalt: salt,
        trustProxyHops: config.trustProxyHops,
        checkEditor,
        operationTimeoutMs: limits.operationTimeoutMs,
        ratingEvents,
      });
      observer.attach(req, context.facts);
      return context;
    };
    // Subscriptions over WebSocket on the same path (src/server/subscriptions.ts).
    // Checked before anything executes, over HTTP and WebSocket alike (README, Security).
    const validationRules = [
      ...shapeLimitRules(limits),
      knownOperationTypesRule,
      ...(config.federation && !config.introspection ? [noServiceSdlRule] : []),
    ];
    const subscriptions = serveSubscriptions({
      httpServer,
      path: GRAPHQL_PATH,
      schema,
      limits,
      validationRules,
      corsOrigins: config.corsOrigins,
      trustProxyHops: config.trustProxyHops,
      // Subscriptions bypass Apollo's plugins: with replicas they read the primary (an article
      // just imported, the subscriber's own stars after their vote), a few small reads each.
      contextFor: primaryServices
        ? (req) => {
            const context = contextFor(req);
            context.readFrom(primaryServices);
            return context;
          }
        : contextFor,
      formatError: createFormatError({ hideSuggestions: production }),
      log,
      metrics,
    });
    const apollo = new ApolloServer<GatewayContext>({
      // Apollo executes through graphql-jit (see compiled-execution.ts) with this schema.
      gateway: compiledExecution(schema),
      formatError: createFormatError({ hideSuggestions: production }),
      // From the parsed configuration rather than Apollo's own reading of process.env.
      introspection: config.introspection,
      includeStacktraceInErrorResponses: config.nodeEnv === 'development',
      // No "Did you mean …?" in production: suggestions map the schema for anyone without introspection.
      hideSchemaDetailsFromClientErrors: production,
      // Limits checked before execution (README, Security). The parser stops at maxTokens;
      // maxRecursiveSelections bounds fragment expansion before the other rules walk the document.
      parseOptions: { maxTokens: limits.maxTokens },
      maxRecursiveSelections: true,
      validationRules,
      // src/index.ts owns shutdown: it also closes the database, then exits 0.
      stopOnTerminationSignals: false,
      plugins: [
        ApolloServerPluginDrainHttpServer({ httpServer, stopGracePeriodMillis: config.shutdownGraceMs }),
        // Shutdown closes the WebSocket connections too (each subscriber is told with code 1001).
        { serverWillStart: async () => ({ drainServer: async () => subscriptions.dispose() }) },
        queryCostPlugin<GatewayContext>(limits.maxCost),
        requestStatePlugin<GatewayContext>(log),
        // After request-state: it notes the errors as the client gets them.
        requestFactsPlugin<GatewayContext>(),
        legacyJsonStatusPlugin<GatewayContext>(),
        // Cache-Control comes from cachePolicyPlugin, worked out once per document; Apollo's own
        // plugin would work it out again at every field of every request.
        ApolloServerPluginCacheControlDisabled(),
        // A subgraph would otherwise trace every field for any client that asks (ftv1), for Apollo
        // Studio, which this gateway does not report to.
        ApolloServerPluginInlineTraceDisabled(),
        cachePolicyPlugin<GatewayContext>(schema),
        // With read replicas: each operation's connection (src/server/read-routing.ts).
        ...(routing ? [readRoutingPlugin<GatewayContext>(routing, { primary: primaryServices!, replicas: servicePool }, schema)] : []),
        // Sandbox (from Apollo's CDN) with a link to GraphiQL, which works offline (served where introspection is on).
        landingPagePlugin(
          production
            ? ApolloServerPluginLandingPageProductionDefault({ footer: false })
            : ApolloServerPluginLandingPageLocalDefault({ embed: true, footer: false }),
          config.introspection ? GRAPHIQL_PATH : null,
        ),
      ],
    });
    await apollo.start();

    fastPath = createGraphQLFastPath({
      apollo,
      path: GRAPHQL_PATH,
      contextFor,
      maxBodyBytes: limits.maxBodyBytes,
      maxNesting: maxBracketNesting(limits.maxDepth),
      cache,
      externalWrites,
      corsOrigins: config.corsOrigins,
      observer,
      log,
    });

    // Process up: nothing else is checked, so a restart is never triggered by a slow database.
    app.get('/healthz', (_req, res) => {
      res.json({ status: 'ok' });
    });
    // Prometheus text format; public like /healthz (no request data in it: counts and timings).
    app.get('/metrics', (_req, res, next) => {
      metrics.registry.metrics().then((text) => {
        res.setHeader('content-type', metrics.registry.contentType);
        res.setHeader('cache-control', 'no-store');
        res.end(text);
      }, next);
    });
    // Ready for traffic: the database answers and is migrated (src/server/readiness.ts).
    let shuttingDown = false;
    // Probes arriving while a check runs share it: a stalled database does not pile statements up.
    let readinessCheck: Promise<Readiness> | undefined;
    // Read replicas are not required: reads go around one that is down (src/server/read-routing.ts),
    // and a balancer probing /readyz must not take every gateway out for it. Their state is reported.
    const requiredConnections = replicas ? [] : readers;
    app.get('/readyz', (_req, res, next) => {
      const check = shuttingDown
        ? checkReadiness(dataSource, requiredConnections, true)
        : (readinessCheck ??= checkReadiness(dataSource, requiredConnections).finally(() => {
            readinessCheck = undefined;
          }));
      check.then((readiness) => {
        res.setHeader('cache-control', 'no-store');
        const replicaState = replicaPositions && { replicas: { total: replicaPositions.count, unreachable: replicaPositions.unreachable } };
        if (readiness.ready) res.json({ status: 'ready', ...replicaState });
        else res.status(503).json({ status: 'unavailable', reason: readiness.reason, ...replicaState });
      }, next);
    });
    app.get('/', (_req, res) => res.redirect(GRAPHQL_PATH));
    // An explorer that needs no internet access (src/server/explorer/); it needs introspection.
    if (config.introspection) serveGraphiQL(app, GRAPHQL_PATH);
    // Anonymous bodies are small; an editor's import carries a whole article (up to 1 MB of text).
    const readerBody = express.json({ limit: limits.maxBodyBytes });
    const editorBody = express.json({ limit: limits.maxEditorBodyBytes });
    app.use(
      GRAPHQL_PATH,
      // The same origins as the fast path (src/server/cors-policy.ts); none: no CORS headers at all.
      cors<cors.CorsRequest>({ origin: config.corsOrigins === '*' ? '*' : [...config.corsOrigins] }),
      (req, res, next) => (isEditor(req.headers.authorization) ? editorBody : readerBody)(req, res, next),
      refuseDeepNesting(maxBracketNesting(limits.maxDepth)),
      // Apollo's work from here on counts its SQL statements in the request's log line.
      (req, _res, next) => observer.counted(req, next),
      expressMiddleware(apollo, { context: async ({ req }) => contextFor(req) }),
    );

    // Bodies express.json refuses (too large, not JSON, bad encoding) get a GraphQL-shaped JSON error, not an HTML page.
    app.use(httpErrorHandler(log));

    await new Promise<void>((resolve, reject) => {
      httpServer.once('error', reject);
      httpServer.listen(config.port, config.host, () => resolve());
    });
    const { port } = httpServer.address() as AddressInfo;
    const shownHost = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
    const url = `http://${shownHost}:${port}${GRAPHQL_PATH}`;

    let closed: Promise<void> | undefined;
    return {
      url,
      port,
      dataSource,
      queryCounter,
      responseCache: cache,
      metrics,
      log,
      execute<TData, TVariables extends OperationVariables>(
        query: string | TypedQueryDocumentNode<TData, TVariables>,
        variables?: TVariables,
        { headers = {}, remoteAddress = '127.0.0.1' }: InProcessRequest = {},
      ) {
        const source = typeof query === 'string' ? query : print(query);
        // Header names as Node gives them (lower case) to the context, and as Apollo gives them to plugins.
        const incoming: IncomingHttpHeaders = {};
        const head = new HeaderMap();
        for (const [name, value] of Object.entries(headers)) {
          incoming[name.toLowerCase()] = value;
          head.set(name, value);
        }
        return apollo.executeOperation<TData, TVariables>(
          { query: source, variables, http: { method: 'POST', headers: head, search: '', body: { query: source, variables } } },
          { contextValue: contextFor({ headers: incoming, socket: { remoteAddress } }) },
        );
      },
      close() {
        closed ??= (async () => {
          shuttingDown = true;
          await apollo.stop();
          replicaPositions?.close();
          await shared?.close().catch((error: unknown) => log.warn({ err: error }, 'closing the notification connection failed'));
          await extraction.close();
          await Promise.all(readers.map((reader) => reader.destroy()));
          await optimizeOnClose(dataSource).catch((error: unknown) => log.warn({ err: error }, 'PRAGMA optimize failed'));
          await dataSource.destroy();
        })();
        return closed;
      },
    };
  } catch (error) {
    replicaPositions?.close();
    await shared?.close().catch(() => undefined);
    await extraction.close();
    await Promise.all([...readers, dataSource].filter((source) => source.isInitialized).map((source) => source.destroy()));
    throw error;
  }
}
