import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import type { GatewayMetrics } from './metrics';
import { newRequestFacts, type RequestFacts } from './request-facts';

/**
 * One log line and one set of metrics per GraphQL request, taken when its response has been sent,
 * whichever way it was answered (the fast path, the response cache, Express). The line holds the
 * request id (also the X-Request-Id header), operation name and type, status, duration, error
 * codes and whether the cache answered; never variables, headers or the client's address.
 */
export class RequestObserver {
  private readonly facts = new WeakMap<object, RequestFacts>();

  constructor(
    private readonly log: Logger,
    private readonly metrics: GatewayMetrics,
    private readonly cacheEnabled: boolean,
  ) {}

  /** Links a request to the facts its context collects (called where the context is made). */
  attach(req: object, facts: RequestFacts): void {
    this.facts.set(req, facts);
  }

  /** A request answered without a context: from the response cache. */
  answeredFromCache(req: object, requestId: string, operationName: string | null | undefined): void {
    this.facts.set(req, { ...newRequestFacts(requestId), operationName, operationType: 'query', cacheHit: true });
  }

  watch(req: IncomingMessage, res: ServerResponse): void {
    const started = performance.now();
    // 'close', not 'finish': a request the client gave up on (or a socket destroyed) counts too, as 499.
    res.once('close', () => {
      const seconds = (performance.now() - started) / 1000;
      // No facts: answered before any operation was read (a body too large or not JSON, the landing page).
      const facts = this.facts.get(req) ?? newRequestFacts('');
      const status = res.writableFinished ? res.statusCode : CLIENT_CLOSED_REQUEST;
      this.metrics.observeRequest(facts, status, seconds, this.cacheEnabled);
      if (!this.log.isLevelEnabled('info')) return;
      this.log.info(
        {
          ...(facts.requestId && { requestId: facts.requestId }),
          operationName: facts.operationName,
          operationType: facts.operationType,
          status,
          durationMs: round(seconds * 1000),
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
