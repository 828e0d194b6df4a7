import { asciiWords } from '../../shared/slug';

/**
 * The key that makes the same person one record across articles: the full name ASCII-folded,
 * lower-cased, with single spaces ("Volodymyr  Zelénsky" -> "volodymyr zelensky").
 */
export function normalizePersonName(name: string): string {
  return asciiWords(name.replace(/\./g, '')).join(' ');
}
