import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { statementScope, type StatementTally } from '../../db/statement-scope';
import type { GatewayMetrics } from './metrics';
import { newRequestFacts, type RequestFacts } from './request-facts';

/**
 * One log line and one set of metrics per GraphQL request, taken when its response has been sent,
 * whichever way it was answered (the fast path, the response cache, Express). The line holds the
 * request id (also the X-Request-Id header), operation name and type, status, duration, SQL
 * statements sent on its behalf (with LOG_SQL_STATEMENTS), error codes and whether the cache answered; never variables, headers or the client's address.
 */
export class RequestObserver {
  private readonly facts = new WeakMap<object, RequestFacts>();
  private readonly tallies = new WeakMap<object, StatementTally>();

  constructor(
    private readonly log: Logger,
    private readonly metrics: GatewayMetrics,
    private readonly options: { cacheEnabled: boolean; countsStatements: boolean },
  ) {}

  /** Links a request to the facts its context collects (called where the context is made). */
  attach(req: object, facts: RequestFacts): void {
    this.facts.set(req, facts);
  }

  /** A request answered without a context: from the response cache. */
  answeredFromCache(req: object, requestId: string, operationName: string | null | undefined): void {
    this.facts.set(req, { ...newRequestFacts(requestId), operationName, operationType: 'query', cacheHit: true });
  }

  /**
   * Runs `work` (what answers the request, once its body is read) so that the SQL statements it
   * sends count in the request's line: with LOG_SQL_STATEMENTS, in the AsyncLocalStorage scope of
   * statement-scope.ts. Entered there rather than when the request arrives, since the body's
   * events come from the socket, whose async context an earlier request on it may have set.
   */
  counted<T>(req: object, work: () => T): T {
    const tally = this.options.countsStatements ? this.tallies.get(req) : undefined;
    return tally ? statementScope.run(tally, work) : work();
  }

  watch(req: IncomingMessage, res: ServerResponse): void {
    const started = performance.now();
    const tally: StatementTally = { statements: 0 };
    this.tallies.set(req, tally);
    // 'close', not 'finish': a request the client gave up on (or a socket destroyed) counts too, as 499.
    res.once('close', () => {
      const seconds = (performance.now() - started) / 1000;
      // No facts: answered before any operation was read (a body too large or not JSON).
      const facts = this.facts.get(req) ?? newRequestFacts('');
      // The landing page (Sandbox) a browser gets on /graphql, as Apollo's own negotiation chose it: no GraphQL request.
      if (facts.operationType === undefined && String(res.getHeader('content-type') ?? '').startsWith('text/html')) return;
      const status = res.writableFinished ? res.statusCode : CLIENT_CLOSED_REQUEST;
      this.metrics.observeRequest(facts, status, seconds, this.options.cacheEnabled);
      if (!this.log.isLevelEnabled('info')) return;
      this.log.info(
        {
          ...(facts.requestId && { requestId: facts.requestId }),
          operationName: facts.operationName,
          operationType: facts.operationType,
          status,
          durationMs: round(seconds * 1000),
          ...(this.options.countsStatements && { sqlStatements: tally.statements }),
          ...(facts.errorCodes.length > 0 && { errorCodes: facts.errorCodes }),
          ...(facts.cacheHit && { cacheHit: true }),
        },
        'graphql request',
      );
    });
  }
}

const round = (ms: number) => Math.round(ms * 100) / 100;
/** nginx's status for a request whose client closed the connection before the response was sent. */
const CLIENT_CLOSED_REQUEST = 499;
