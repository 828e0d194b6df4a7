import { normalizePersonName } from '../person/person-name';

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

/**
 * Names by their words, so that "which names start or end with this word" costs a lookup instead
 * of a pass over every name in the article (an article can name thousands: a pasted index, a team
 * sheet). It answers with candidates only: callers check each with their own comparison, so the
 * index changes how fast an answer comes, never what it is. Candidates come in the order the names
 * were added. Besides the exact word, a word is found by its stem (all but its last letter), for
 * the case endings of inflected scripts ("Смирнова" of "Смирнов").
 */
export class NameIndex<T> {
  private readonly byWord = new Map<string, Set<T>>();
  private readonly keysOf = new Map<T, string[]>();
  private readonly order = new Map<T, number>();
  private added = 0;

  /** Indexes `item` under the words of `name`; call again with another form of the same item. */
  add(item: T, name: readonly string[]): void {
    if (name.length === 0) return;
    if (!this.order.has(item)) this.order.set(item, (this.added += 1));
    const keys = this.keysOf.get(item) ?? [];
    this.keysOf.set(item, keys);
    name.forEach((word, index) => {
      const position: NamePosition[] =
        name.length === 1 ? ['first', 'last'] : index === 0 ? ['first'] : index === name.length - 1 ? ['last'] : ['inner'];
      const normalised = normaliseWord(word);
      for (const at of position) {
        keys.push(`${at}=${normalised}`);
        if (normalised.length >= 4) keys.push(`${at}~${normalised.slice(0, normalised.length - 1)}`);
      }
    });
    for (const key of keys) {
      const items = this.byWord.get(key) ?? new Set<T>();
      items.add(item);
      this.byWord.set(key, items);
    }
  }

  remove(item: T): void {
    for (const key of this.keysOf.get(item) ?? []) this.byWord.get(key)?.delete(item);
    this.keysOf.delete(item);
    this.order.delete(item);
  }

  /**
   * Items with a query's word at its position in one of their names, in the order they were added;
   * with `inflected`, also those whose word there has the stem of the query's word less up to three
   * final letters (the stems a case ending changes).
   */
  find(queries: readonly { position: NamePosition; word: string }[], inflected = false): T[] {
    const found = new Set<T>();
    for (const { position, word } of queries) {
      const normalised = normaliseWord(word);
      for (const item of this.byWord.get(`${position}=${normalised}`) ?? []) found.add(item);
      if (!inflected) continue;
      for (let length = Math.max(3, normalised.length - 3); length <= normalised.length; length += 1) {
        for (const item of this.byWord.get(`${position}~${normalised.slice(0, length)}`) ?? []) found.add(item);
      }
    }
    return [...found].sort((a, b) => this.order.get(a)! - this.order.get(b)!);
  }
}

/** Call before each extraction, so that the word cache holds one article's words. */
export function resetNameCache(): void {
  normalisedWords.clear();
}
