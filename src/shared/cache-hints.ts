/**
 * Apollo's `@cacheControl` hints, as the types and fields declare them (type-graphql `@Directive`).
 * They decide the `Cache-Control` header of a query's response (the shortest maxAge of everything
 * it selects; `private` as soon as one field is) and whether the gateway's response cache may keep
 * it (public only). The server cache never serves anything stale: writes evict what they change.
 * The maxAge only bounds how long a CDN or browser, which hear of no write, may reuse a response.
 */
export const CacheHint = {
  /** Articles, people and quotes: they change only when an article is imported again. */
  RECORD: '@cacheControl(maxAge: 300)',
  /** Lists and counts, which every import can change. */
  LIST: '@cacheControl(maxAge: 60)',
  /** Ratings, which every vote changes. */
  RATING: '@cacheControl(maxAge: 10)',
  /** The caller's own answer (viewerStars): never shared between callers. */
  PRIVATE: '@cacheControl(scope: PRIVATE)',
} as const;

/**
 * Names of what a cached response depends on, and of what a write changes (src/server/cache/).
 * A response holding article 12 depends on `Article:12`; a vote on it changes `Rating:12`.
 */
export const CacheTag = {
  node: (type: 'Article' | 'Person' | 'Quote', id: number) => `${type}:${id}`,
  rating: (articleId: number) => `Rating:${articleId}`,
  /** Every list and count a new or changed article could enter, and lookups that found nothing. */
  LISTS: 'lists',
  /** Lists filtered or ordered by rating, which any vote can reorder. */
  RATED_LISTS: 'rated-lists',
} as const;

/**
 * Writes announce what they changed here, once committed; the response cache listens. The promise,
 * where there is one, settles once every gateway can hear it (PostgreSQL's NOTIFY has committed):
 * a write is acknowledged after that, so the writer's next read anywhere sees it. It never rejects.
 */
export interface ChangeFeed {
  changed(tags: readonly string[]): void | Promise<void>;
}

export const NO_CHANGE_FEED: ChangeFeed = { changed: () => undefined };
