import { type CachedResponse, ResponseCache } from '../../src/server/cache/response-cache';

const response = (tags: string[], body = 'x'): CachedResponse => ({
  body: Buffer.from(body),
  contentType: 'application/json',
  cacheControl: 'max-age=60, public',
  etag: '"e"',
  tags,
});

describe('ResponseCache', () => {
  it('evicts exactly the responses filed under a changed tag', () => {
    const cache = new ResponseCache(1_000_000);
    cache.store('front', response(['lists', 'Article:1', 'Rating:1', 'Article:2', 'Rating:2']), cache.begin());
    cache.store('article-3', response(['Article:3', 'Rating:3']), cache.begin());
    cache.changed(['Rating:3']);
    expect(cache.get('article-3')).toBeUndefined();
    expect(cache.get('front')).toBeDefined();
    cache.changed(['lists']);
    expect(cache.get('front')).toBeUndefined();
  });

  it('does not keep a response computed while something it holds changed', () => {
    const cache = new ResponseCache(1_000_000);
    const begun = cache.begin();
    cache.changed(['Rating:1']);
    expect(cache.store('front', response(['Article:1', 'Rating:1']), begun)).toBe(false);
    expect(cache.get('front')).toBeUndefined();
    // A change elsewhere in the meantime does not stop it.
    const again = cache.begin();
    cache.changed(['Rating:9']);
    expect(cache.store('front', response(['Article:1', 'Rating:1']), again)).toBe(true);
    expect(cache.get('front')).toBeDefined();
  });

  it('does not keep a response computed across a clear (another process wrote)', () => {
    const cache = new ResponseCache(1_000_000);
    const begun = cache.begin();
    cache.clear();
    expect(cache.store('front', response(['Article:1']), begun)).toBe(false);
  });

  it('stays within its memory bound, dropping the least recently used and their tags', () => {
    const cache = new ResponseCache(10_000);
    for (let index = 0; index < 100; index += 1)
      cache.store(`key-${index}`, response([`Article:${index}`], 'y'.repeat(1_000)), cache.begin());
    expect(cache.size).toBeLessThan(10);
    expect(cache.get('key-99')).toBeDefined();
    expect(cache.get('key-0')).toBeUndefined();
  });

  it('keeps no tags for a response larger than the whole cache, which it does not store', () => {
    const cache = new ResponseCache(1_000);
    expect(cache.store('big', response(['Article:1', 'lists'], 'z'.repeat(5_000)), cache.begin())).toBe(false);
    expect(cache.has('big')).toBe(false);
    expect(cache.size).toBe(0);
    // Nothing filed: a later change finds nothing to evict and the cache stays usable.
    cache.changed(['Article:1']);
    expect(cache.store('small', response(['Article:1']), cache.begin())).toBe(true);
  });
});
