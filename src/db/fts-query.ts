/**
 * Turns whatever a user types into a safe FTS5 query. Every word becomes a quoted string, so
 * operators and punctuation (AND, NEAR(, *, -, ^, unbalanced quotes) are plain text; "…" pairs
 * keep phrases; the last word matches as a prefix ("negoti" finds "negotiations"). Words are
 * AND-ed. Returns null when nothing searchable is left (a query of only punctuation).
 */
export function toFtsQuery(input: string): string | null {
  const parts: string[] = [];
  // Phrases are the text between pairs of double quotes; an unbalanced quote is ignored.
  const quoteCount = (input.match(/"/g) ?? []).length;
  const segments = input.split('"');
  segments.forEach((segment, index) => {
    const inPhrase = index % 2 === 1 && (index < segments.length - 1 || quoteCount % 2 === 0);
    const words = segment.match(/[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*/gu) ?? [];
    if (words.length === 0) return;
    if (inPhrase) parts.push(`"${words.join(' ')}"`);
    else parts.push(...words.map((word) => `"${word}"`));
  });
  if (parts.length === 0) return null;
  // Prefix match on the last word when the user is still typing it (no trailing space or quote).
  const last = parts[parts.length - 1];
  const endsInWord = /[\p{L}\p{N}]$/u.test(input);
  if (endsInWord && !last.includes(' ')) parts[parts.length - 1] = `${last}*`;
  return parts.join(' ');
}

/**
 * The same query for PostgreSQL's to_tsquery, from toFtsQuery's output (quoted words and phrases,
 * the last word maybe a prefix): each word a quoted lexeme, a phrase's words joined by `<->`
 * (followed by), the prefix marked `:*`, all AND-ed. Quotes inside a word are doubled, so nothing
 * a user typed is read as a tsquery operator.
 */
export function toTsQuery(ftsQuery: string): string {
  const parts = [...ftsQuery.matchAll(/"([^"]*)"(\*?)/g)].map(([, text, star]) => {
    const words = text.split(' ').map((word) => `'${word.replace(/'/g, "''")}'`);
    return words.join(' <-> ') + (star ? ':*' : '');
  });
  return parts.join(' & ');
}

/** FTS highlight markers (control characters that never occur in copy), turned into <mark> after escaping. */
export const MARK_OPEN = '\u0002';
export const MARK_CLOSE = '\u0003';

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** HTML-escapes a snippet and wraps the matched terms in <mark>…</mark>. */
export function snippetHtml(raw: string): string {
  return raw
    .replace(/[&<>"']/g, (char) => HTML_ESCAPES[char])
    .split(MARK_OPEN)
    .join('<mark>')
    .split(MARK_CLOSE)
    .join('</mark>');
}
