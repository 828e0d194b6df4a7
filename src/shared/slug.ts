import { transliterate } from 'transliteration';

/**
 * Slugs are the headline or name ASCII-folded and lower-cased, words joined by hyphens:
 * "Ramzan Kadyrov" -> "ramzan-kadyrov", "Kyïv’s mayor" -> "kyivs-mayor". Letters of other
 * scripts are transliterated (the `transliteration` package): "Россия приглашает" ->
 * "rossiya-priglashaet", "Σπύρος Κατσαρός" -> "spyros-katsaros".
 */
const MAX_SLUG_LENGTH = 120;

// Letters that NFKD does not decompose into ASCII plus a combining mark.
const SPECIAL_LETTERS: Record<string, string> = {
  ß: 'ss',
  æ: 'ae',
  Æ: 'ae',
  œ: 'oe',
  Œ: 'oe',
  ø: 'o',
  Ø: 'o',
  đ: 'd',
  Đ: 'd',
  ł: 'l',
  Ł: 'l',
  þ: 'th',
  Þ: 'th',
  ð: 'd',
  Ð: 'd',
  ı: 'i',
};

/** The text's words, ASCII-folded and lower-cased; apostrophes join a word ("didn't" -> "didnt"). */
export function asciiWords(text: string): string[] {
  return (
    text
      .replace(/[ßæÆœŒøØđĐłŁþÞðÐı]/g, (letter) => SPECIAL_LETTERS[letter])
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      // Latin is folded above; whatever is left outside ASCII is another script.
      .replace(/[^\p{ASCII}]+/gu, (other) => transliterate(other))
      .replace(/['’‘`]/g, '')
      .toLowerCase()
      .split(/[^a-z0-9]+/)
      .filter(Boolean)
  );
}

export function slugify(text: string): string {
  let slug = '';
  for (const word of asciiWords(text)) {
    const next = slug ? `${slug}-${word}` : word;
    if (next.length > MAX_SLUG_LENGTH) break;
    slug = next;
  }
  return slug || 'untitled';
}

/** The first of `base`, `base-2`, `base-3`, … that `isTaken` rejects. */
export async function uniqueSlug(base: string, isTaken: (candidate: string) => Promise<boolean>): Promise<string> {
  if (!(await isTaken(base))) return base;
  for (let suffix = 2; ; suffix += 1) {
    const candidate = `${base}-${suffix}`;
    if (!(await isTaken(candidate))) return candidate;
  }
}
