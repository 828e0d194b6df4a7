import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { ChangeFeed } from '../../shared/cache-hints';

/** A response as it went out, ready to send again byte for byte. */
export interface CachedResponse {
  body: Buffer;
  contentType: string;
  cacheControl: string;
  etag: string;
  tags: readonly string[];
  /** The operation's name, for the log line and metrics of the requests it answers. */
  operationName?: string | null;
}

/** Invalidations remembered for responses still being computed; older ones make such a response uncacheable. */
const REMEMBERED_INVALIDATIONS = 10_000;
const REMEMBERED_TAGS = 50_000;

/** A strong ETag for a body. */
export function etagOf(body: Buffer): string {
  return `"${createHash('sha1').update(body).digest('base64url')}"`;
}

/**
 * The server-side response cache for public reads: whole responses by request (method, body or
 * query string, Accept), bounded in bytes, least recently used out first. Each response is filed
 * under the tags of what it holds (src/server/cache/cache-tags.ts); `changed(tags)` (a vote, an
 * import) evicts exactly the responses filed under any of them. A response computed while a
 * change it depends on was committed is not stored: `begin()` before reading, `store()` after,
 * and the invalidations in between are checked against its tags.
 */
export class ResponseCache implements ChangeFeed {
  private readonly entries: LRUCache<string, CachedResponse>;
  private readonly keysByTag = new Map<string, Set<string>>();
  private sequence = 0;
  private rememberedTags = 0;
  private readonly invalidations: { sequence: number; tags: readonly string[] | null }[] = [];
  /** Responses served from the cache (tests and operators read it). */
  hits = 0;

  constructor(maxBytes: number) {
    this.entries = new LRUCache<string, CachedResponse>({
      maxSize: maxBytes,
      sizeCalculation: (entry, key) => Math.max(1, 2 * (entry.body.length + key.length) + 256),
      dispose: (entry, key) => this.unfile(key, entry.tags),
    });
  }

  get size(): number {
    return this.entries.size;
  }

  /** Whether a response is held for the key (not counted as a hit or a miss). */
  has(key: string): boolean {
    return this.entries.has(key);
  }

  get(key: string): CachedResponse | undefined {
    const entry = this.entries.get(key);
    if (entry) this.hits += 1;
    return entry;
  }

  /** A token for a response about to be computed: pass it to store(). */
  begin(): number {
    return this.sequence;
  }

  /** Keeps a response unless something it holds changed since `begun`. */
  store(key: string, response: CachedResponse, begun: number): boolean {
    if (begun !== this.sequence) {
      const oldest = this.invalidations[0]?.sequence ?? this.sequence + 1;
      if (begun + 1 < oldest) return false;
      const tags = new Set(response.tags);
      for (const { sequence, tags: changed } of this.invalidations) {
        if (sequence > begun && (changed === null || changed.some((tag) => tags.has(tag)))) return false;
      }
    }
    this.entries.set(key, response);
    // A response larger than the whole cache is not kept (lru-cache refuses it): file no tags for it.
    if (!this.entries.has(key)) return false;
    for (const tag of response.tags) {
      let keys = this.keysByTag.get(tag);
      if (!keys) this.keysByTag.set(tag, (keys = new Set()));
      keys.add(key);
    }
    return true;
  }

  /** Evicts every response that holds any of these tags (ChangeFeed: called once a write has committed). */
  changed(tags: readonly string[]): void {
    this.remember(tags);
    for (const tag of tags) {
      const keys = this.keysByTag.get(tag);
      if (!keys) continue;
      for (const key of [...keys]) this.entries.delete(key);
    }
  }

  /** Evicts everything (the database was changed by another process). */
  clear(): void {
    this.remember(null);
    this.entries.clear();
  }

  private remember(tags: readonly string[] | null): void {
    this.sequence += 1;
    this.invalidations.push({ sequence: this.sequence, tags });
    this.rememberedTags += tags?.length ?? 1;
    // Bounded by the tags held, not only by the invalidations: one vote group can carry hundreds.
    while (this.invalidations.length > REMEMBERED_INVALIDATIONS || this.rememberedTags > REMEMBERED_TAGS) {
      this.rememberedTags -= this.invalidations.shift()!.tags?.length ?? 1;
    }
  }

  private unfile(key: string, tags: readonly string[]): void {
    for (const tag of tags) {
      const keys = this.keysByTag.get(tag);
      keys?.delete(key);
      if (keys?.size === 0) this.keysByTag.delete(tag);
    }
  }
}
