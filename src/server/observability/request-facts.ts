/**
 * What one GraphQL request turned out to be, for its log line and its metrics: filled in by the
 * request-facts plugin while Apollo runs it, or by the response cache on a hit.
 */
export interface RequestFacts {
  requestId: string;
  /** The operation's name as the client gave it; null for an anonymous one, undefined when none was resolved. */
  operationName?: string | null;
  operationType?: 'query' | 'mutation' | 'subscription';
  /** `extensions.code` of every error in the response, in order. */
  errorCodes: string[];
  /** rateArticle calls: accepted, or refused with a code. */
  votes: { accepted: number; refused: number };
  /** Answered from the response cache. */
  cacheHit: boolean;
}

export interface RequestFactsContext {
  facts: RequestFacts;
}

export function newRequestFacts(requestId: string): RequestFacts {
  return { requestId, errorCodes: [], votes: { accepted: 0, refused: 0 }, cacheHit: false };
}
