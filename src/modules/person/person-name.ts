/**
 * The key that makes the same person one record across articles: the name lower-cased with single
 * spaces, Latin letters stripped of accents ("Volodymyr  Zelénsky" -> "volodymyr zelensky"), and
 * the letters of every other script kept as written ("Алексей Смирнов" -> "алексей смирнов"), so
 * two names in Cyrillic or Greek never share a key. Greek accents are dropped too (tonos is
 * spelling, not identity); Cyrillic keeps й and ё, which are letters of their own.
 */
const LATIN_SPECIAL_LETTERS: Record<string, string> = { ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', đ: 'd', ł: 'l', þ: 'th', ð: 'd', ı: 'i' };

export function normalizePersonName(name: string): string {
  return name
    .toLowerCase()
    .replace(/[ßæœøđłþðı]/gu, (letter) => LATIN_SPECIAL_LETTERS[letter])
    .normalize('NFD')
    .replace(/(\P{M})(\p{M}+)/gu, (whole, base: string) => (/\p{Script=Cyrillic}/u.test(base) ? whole : base))
    .normalize('NFC')
    .replace(/['’‘`.]/gu, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .join(' ');
}
