import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { ArticleContext } from '../modules/article/article.context';
import type { ImportContext } from '../modules/import/import.context';
import type { MentionContext } from '../modules/mention/mention.context';
import type { NodeContext } from '../modules/node/node.context';
import type { PersonContext } from '../modules/person/person.context';
import type { QuoteContext } from '../modules/quote/quote.context';
import type { RatingEvents } from '../modules/rating/rating-events';
import type { RatingContext, Viewer } from '../modules/rating/rating.context';
import { hashVoter, VOTER_HEADER, voterKey } from '../modules/rating/voter';
import type { SearchContext } from '../modules/search/search.context';
import type { EditorCheckContext } from '../schema/auth-checker';
import type { CacheTagContext } from './cache/cache-tags';
import { Deadline } from './deadline';
import { createLoaders, type Loaders } from './loaders';
import { newRequestFacts, type RequestFactsContext } from './observability/request-facts';
import type { CachePolicyContext } from './plugins/cache-policy.plugin';
import type { ReadRoutingContext } from './plugins/read-routing.plugin';
import type { Services } from './services';

/**
 * Per-request state handed to every resolver. Each module declares the slice it reads (its
 * `…Context` in `<module>.context.ts`); this interface extends them all, so the compiler checks
 * that the composed services and loaders give every module what it asks for.
 */
export interface GatewayContext
  extends
    ArticleContext,
    PersonContext,
    MentionContext,
    QuoteContext,
    RatingContext,
    SearchContext,
    ImportContext,
    NodeContext,
    EditorCheckContext,
    CacheTagContext,
    CachePolicyContext,
    ReadRoutingContext,
    RequestFactsContext {
  /** Names this request in logs, in masked errors and in the X-Request-Id response header. */
  requestId: string;
  /** Past it, no further root field, totalCount or loader batch (so no further SQL) starts for this query. */
  deadline: Deadline;
  /** The operation's cost, set by the cost limit before execution. */
  cost?: number;
  /** The client asked for the cost in the response's `extensions` (X-Query-Cost: true). */
  reportCost: boolean;
  services: Services;
  loaders: Loaders;
  viewer: Viewer;
  /** Throws UNAUTHENTICATED or FORBIDDEN unless the request carries a valid editor key. */
  requireEditor(): void;
}

/**
 * What the context reads from a request: its headers and the peer address of its socket. An
 * express request is one; so is the stand-in RunningGateway.execute builds for in-process operations.
 */
export interface ContextRequest {
  headers: IncomingHttpHeaders;
  socket: { remoteAddress?: string };
}

export interface ContextOptions {
  services: Services;
  voterSalt: string;
  trustProxyHops: number;
  checkEditor: (authorization: string | undefined) => void;
  operationTimeoutMs: number;
  ratingEvents: RatingEvents;
}

/**
 * The client's address. Behind `hops` proxies that each append to X-Forwarded-For, the client is
 * the entry that many places from the right: entries further left were written by the client
 * itself and could be anything, so they are never trusted.
 */
export function clientAddress(req: ContextRequest, hops: number): string | undefined {
  if (hops > 0) {
    const header = req.headers['x-forwarded-for'];
    const entries = (Array.isArray(header) ? header.join(',') : (header ?? ''))
      .split(',')
      .map((entry) => entry.trim())
      .filter(Boolean);
    if (entries.length >= hops) return entries[entries.length - hops];
    // Fewer entries than proxies: the request skipped one. Only the rightmost entry is known to
    // come from our own nearest proxy; anything left of it may be the client's own writing.
    if (entries.length > 0) return entries[entries.length - 1];
  }
  return req.socket.remoteAddress;
}

export function createContext(req: ContextRequest, options: ContextOptions): GatewayContext {
  let hash: string | undefined;
  const viewer: Viewer = {
    voterHash() {
      // Computed on first use: most requests never vote or ask for viewerStars.
      hash ??= hashVoter(
        options.voterSalt,
        voterKey({
          token: headerValue(req, VOTER_HEADER),
          address: clientAddress(req, options.trustProxyHops),
          userAgent: headerValue(req, 'user-agent'),
        }),
      );
      return hash;
    },
    address: () => clientAddress(req, options.trustProxyHops),
  };
  const deadline = new Deadline(options.operationTimeoutMs);
  const requestId = randomUUID();
  const loadersFor = (services: Services) =>
    createLoaders(
      services,
      () => viewer.voterHash(),
      () => deadline.check(),
    );
  return {
    requestId,
    facts: newRequestFacts(requestId),
    deadline,
    cacheOutcome: {},
    reportCost: /^(1|true|yes)$/i.test(headerValue(req, 'x-query-cost') ?? ''),
    services: options.services,
    ratingEvents: options.ratingEvents,
    loaders: loadersFor(options.services),
    viewer,
    requireEditor: () => options.checkEditor(headerValue(req, 'authorization')),
    // On `this`: Apollo hands resolvers and plugins a copy of the context object, per operation.
    readFrom(services) {
      this.services = services;
      this.loaders = loadersFor(services);
    },
  };
}

function headerValue(req: ContextRequest, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
