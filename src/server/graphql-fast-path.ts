import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type ApolloServer, HeaderMap } from '@apollo/server';
import type { Logger } from 'pino';
import type { CorsOrigins } from '../config';
import type { ExternalWrites } from '../db/external-writes';
import { type CachedResponse, etagOf, type ResponseCache } from './cache/response-cache';
import type { ContextRequest, GatewayContext } from './context';
import { corsHeaders } from './cors-policy';
import { bodyNotJson, bodyTooLarge, type HttpRefusal, internalError, nestedTooDeep } from './http-errors';
import { bracketNesting } from './limits/document-nesting';
import type { RequestObserver } from './observability/request-observer';

export interface FastPathOptions {
  apollo: ApolloServer<GatewayContext>;
  path: string;
  contextFor(req: ContextRequest): GatewayContext;
  /** Largest body read here: an anonymous request's limit (MAX_BODY_BYTES). */
  maxBodyBytes: number;
  /** Brackets a document may nest before it is refused unparsed. */
  maxNesting: number;
  /** The response cache; null when NEWSGATE_RESPONSE_CACHE is off. */
  cache: ResponseCache | null;
  externalWrites: ExternalWrites;
  corsOrigins: CorsOrigins;
  /** Told about responses from the cache, which no context sees. */
  observer: RequestObserver;
  log: Logger;
}

const JSON_TYPE = /^application\/json\s*(;\s*charset\s*=\s*"?utf-8"?\s*)?$/i;

function refuse(res: ServerResponse, cors: Record<string, string>, { status, body }: HttpRefusal): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    ...cors,
  });
  res.end(text);
}

/**
 * The GraphQL endpoint for what nearly every request is: an anonymous POST of a JSON body, or a
 * GET, to /graphql. It reads the body itself, answers from the response cache when it can, and
 * otherwise hands the request straight to Apollo (`executeHTTPGraphQLRequest`), without Express,
 * body-parser and cors, which took a tenth of a request's CPU time. It answers exactly as the
 * Express stack does (same errors, limits, CORS header); anything else — editor requests with
 * their larger body limit, other content types or encodings, preflights, other paths — returns
 * false and goes to Express.
 */
export function createGraphQLFastPath(options: FastPathOptions): (req: IncomingMessage, res: ServerResponse) => boolean {
  const { apollo, cache, log } = options;
  const corsFor = (req: IncomingMessage) => corsHeaders(options.corsOrigins, req.headers.origin);

  const respond = async (req: IncomingMessage, res: ServerResponse, body: unknown, text: string, search: string) => {
    const query = typeof (body as { query?: unknown })?.query === 'string' ? (body as { query: string }).query : undefined;
    const source = query ?? new URLSearchParams(search).get('query') ?? undefined;
    if (source !== undefined && bracketNesting(source, options.maxNesting) > options.maxNesting) {
      refuse(res, corsFor(req), nestedTooDeep(options.maxNesting));
      return;
    }
    // What the response can depend on besides the request itself: the Accept header (its media type).
    // A GET that Apollo's CSRF prevention refuses must reach Apollo, not be answered from the cache.
    const cacheable = cache !== null && !req.headers['x-query-cost'] && (req.method !== 'GET' || preflighted(req));
    const cacheKey = cacheable ? `${req.method}\n${req.headers.accept ?? ''}\n${search}\n${text}` : null;
    if (cacheKey !== null && cache!.has(cacheKey)) {
      // Another process may have written since (a CLI import): then nothing cached can be trusted.
      if (await options.externalWrites.check()) cache!.clear();
      // Looked up only now: what was there before the check may have been evicted during it.
      const hit = cache!.get(cacheKey);
      if (hit) {
        const requestId = randomUUID();
        options.observer.answeredFromCache(req, requestId, hit.operationName);
        send(req, res, hit, requestId, corsFor(req));
        return;
      }
    }
    const context = options.contextFor(req);
    const begun = cache?.begin() ?? 0;
    if (cacheKey !== null) context.cacheTags = new Set();
    const headers = new HeaderMap();
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
    }
    const response = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: req.method!.toUpperCase(), headers, search, body },
      context: async () => context,
    });
    const status = response.status ?? 200;
    if (cacheKey !== null && status === 200 && response.body.kind === 'complete' && context.cacheOutcome.policy?.scope === 'PUBLIC') {
      const bytes = Buffer.from(response.body.string);
      const entry: CachedResponse = {
        body: bytes,
        contentType: response.headers.get('content-type') ?? 'application/json; charset=utf-8',
        cacheControl: response.headers.get('cache-control') ?? 'no-store',
        etag: etagOf(bytes),
        tags: [...context.cacheTags!],
        operationName: context.facts.operationName,
      };
      cache!.store(cacheKey, entry, begun);
      send(req, res, entry, context.requestId, corsFor(req));
      return;
    }
    for (const [name, value] of response.headers) res.setHeader(name, value);
    for (const [name, value] of Object.entries(corsFor(req))) res.setHeader(name, value);
    res.statusCode = status;
    if (response.body.kind === 'complete') {
      res.end(response.body.string);
      return;
    }
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
  };

  return (req, res) => {
    const url = req.url ?? '/';
    const mark = url.indexOf('?');
    const path = mark >= 0 ? url.slice(0, mark) : url;
    if (path !== options.path || req.headers.authorization !== undefined) return false;
    const search = mark >= 0 ? url.slice(mark) : '';
    const fail = (error: unknown) => {
      log.error({ err: error, method: req.method, url: req.url }, 'unexpected error outside GraphQL');
      if (!res.headersSent) refuse(res, corsFor(req), internalError());
      else res.destroy();
    };
    if (req.method === 'GET') {
      options.observer.counted(req, () => respond(req, res, {}, '', search)).catch(fail);
      return true;
    }
    const encoding = req.headers['content-encoding'];
    if (
      req.method !== 'POST' ||
      !JSON_TYPE.test(req.headers['content-type'] ?? '') ||
      (encoding !== undefined && encoding !== 'identity')
    ) {
      return false;
    }
    const tooLarge = () => refuse(res, corsFor(req), bodyTooLarge(options.maxBodyBytes));
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > options.maxBodyBytes) {
      tooLarge();
      req.resume();
      return true;
    }
    const chunks: Buffer[] = [];
    let received = 0;
    let refused = false;
    req.on('data', (chunk: Buffer) => {
      if (refused) return;
      received += chunk.length;
      if (received > options.maxBodyBytes) {
        refused = true;
        tooLarge();
        return;
      }
      chunks.push(chunk);
    });
    req.on('error', () => res.destroy());
    req.on('end', () => {
      if (refused) return;
      const text = Buffer.concat(chunks).toString('utf8');
      let body: unknown = {};
      if (text.trim() !== '') {
        try {
          body = JSON.parse(text);
        } catch {
          body = undefined;
        }
        // As body-parser's strict mode: only an object or an array is a JSON body.
        if (body === null || typeof body !== 'object') {
          refuse(res, corsFor(req), bodyNotJson());
          return;
        }
      }
      options.observer.counted(req, () => respond(req, res, body, text, search)).catch(fail);
    });
    return true;
  };
}

const SIMPLE_CONTENT_TYPES = new Set(['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data']);

/**
 * Whether a request passes Apollo's CSRF prevention: a browser can send it only after a CORS
 * preflight (a non-simple content type, or one of Apollo's preflight headers).
 */
function preflighted(req: IncomingMessage): boolean {
  if (req.headers['apollo-require-preflight'] !== undefined || req.headers['x-apollo-operation-name'] !== undefined) return true;
  const type = req.headers['content-type'];
  return type !== undefined && !SIMPLE_CONTENT_TYPES.has(type.split(';')[0].trim().toLowerCase());
}

/** A cached response, or a 304 when the client already holds it. */
function send(req: IncomingMessage, res: ServerResponse, entry: CachedResponse, requestId: string, cors: Record<string, string>): void {
  const headers = {
    'cache-control': entry.cacheControl,
    etag: entry.etag,
    'x-request-id': requestId,
    ...cors,
  };
  const held = req.headers['if-none-match'];
  if (held !== undefined && held.split(',').some((tag) => tag.trim() === entry.etag)) {
    res.writeHead(304, headers);
    res.end();
    return;
  }
  res.writeHead(200, { ...headers, 'content-type': entry.contentType, 'content-length': entry.body.length });
  res.end(entry.body);
}
