import { normalizePersonName } from '../person/person-name';
import { countNamesCompared } from './extraction-work';

/**
 * Normalised words, cached per extraction: the people extractor compares name words many times
 * over, and normalising one (case, accents, apostrophes) is the costly part of a comparison.
 */
const normalisedWords = new Map<string, string>();
const MAX_CACHED_WORDS = 50_000;

export function normaliseWord(word: string): string {
  let normalised = normalisedWords.get(word);
  if (normalised === undefined) {
    if (normalisedWords.size >= MAX_CACHED_WORDS) normalisedWords.clear();
    normalised = normalizePersonName(word);
    normalisedWords.set(word, normalised);
  }
  return normalised;
}

export type NamePosition = 'first' | 'last' | 'inner';

/** Normalised words joined by a separator no normalised word holds: equal keys mean equal words, word by word. */
const partKey = (words: readonly string[]) => words.map(normaliseWord).join('|');

/**
 * Names by their words and parts, so that "which names start or end like this" costs a lookup
 * instead of a pass over every name in the article (an article can name thousands: a pasted
 * index, a team sheet). Lookups return items in the order they were added. `withPart` answers
 * exactly; `find` returns candidates that callers check with their own comparison (sameNameWord),
 * so the index changes how fast an answer comes, never what it is.
 */
export class NameIndex<T> {
  private readonly byKey = new Map<string, Set<T>>();
  private readonly keysOf = new Map<T, string[]>();
  private readonly order = new Map<T, number>();
  private added = 0;

  /**
   * Indexes `item` under `name`: its words by position (a word also by its stem, all but its last
   * letter, for the case endings of inflected scripts: "Смирнова" of "Смирнов"), and every proper
   * start and end of it (`parts`: "Maria Fernanda" and "López de la Cruz" of "Maria Fernanda López
   * de la Cruz"). Call again with another form of the same item.
   */
  add(item: T, name: readonly string[], { parts = false } = {}): void {
    if (name.length === 0) return;
    if (!this.order.has(item)) this.order.set(item, (this.added += 1));
    const keys: string[] = [];
    name.forEach((word, index) => {
      const positions: NamePosition[] =
        name.length === 1 ? ['first', 'last'] : index === 0 ? ['first'] : index === name.length - 1 ? ['last'] : ['inner'];
      const normalised = normaliseWord(word);
      for (const at of positions) {
        keys.push(`${at}=${normalised}`);
        if (normalised.length >= 4) keys.push(`${at}~${normalised.slice(0, normalised.length - 1)}`);
      }
    });
    if (parts)
      for (let length = 1; length < name.length; length += 1)
        keys.push(`start=${partKey(name.slice(0, length))}`, `end=${partKey(name.slice(-length))}`);
    this.keysOf.set(item, [...(this.keysOf.get(item) ?? []), ...keys]);
    for (const key of keys) {
      const items = this.byKey.get(key);
      if (items) items.add(item);
      else this.byKey.set(key, new Set([item]));
    }
  }

  remove(item: T): void {
    for (const key of this.keysOf.get(item) ?? []) this.byKey.get(key)?.delete(item);
    this.keysOf.delete(item);
    this.order.delete(item);
  }

  /**
   * Items with a query's word at its position in one of their names; with `inflected`, also those
   * whose word there has the stem of the query's word less up to three final letters.
   */
  find(queries: readonly { position: NamePosition; word: string }[], inflected = false): T[] {
    const keys: string[] = [];
    for (const { position, word } of queries) {
      const normalised = normaliseWord(word);
      keys.push(`${position}=${normalised}`);
      if (!inflected) continue;
      for (let length = Math.max(3, normalised.length - 3); length <= normalised.length; length += 1) {
        keys.push(`${position}~${normalised.slice(0, length)}`);
      }
    }
    return this.union(keys);
  }

  /** Items (added with `parts`) of which `words` is a proper start or end, word by word. */
  withPart(words: readonly string[]): T[] {
    return this.union([`start=${partKey(words)}`, `end=${partKey(words)}`]);
  }

  /** Whether any item has `words` as a proper start or end. */
  hasPart(words: readonly string[]): boolean {
    return (this.byKey.get(`start=${partKey(words)}`)?.size ?? 0) > 0 || (this.byKey.get(`end=${partKey(words)}`)?.size ?? 0) > 0;
  }

  private union(keys: readonly string[]): T[] {
    const sets = keys.map((key) => this.byKey.get(key)).filter((items): items is Set<T> => items !== undefined && items.size > 0);
    countNamesCompared(sets.reduce((total, items) => total + items.size, 0));
    if (sets.length === 1) return [...sets[0]].sort((a, b) => this.order.get(a)! - this.order.get(b)!);
    const found = new Set<T>();
    for (const items of sets) for (const item of items) found.add(item);
    return [...found].sort((a, b) => this.order.get(a)! - this.order.get(b)!);
  }
}

/** Call before each extraction, so that the word cache holds one article's words. */
export function resetNameCache(): void {
  normalisedWords.clear();
}
