/** Pure text measures of an article body; the body is paragraphs joined by one blank line. */

const WORDS_PER_MINUTE = 230;

export const PARAGRAPH_SEPARATOR = '\n\n';

export function splitParagraphs(body: string): string[] {
  return body
    .split(/\r?\n\s*\r?\n/)
    .map((paragraph) => paragraph.trim())
    .filter((paragraph) => paragraph.length > 0);
}

/** The first paragraph, without splitting the whole body (worked out for each stored article's summary). */
export function firstParagraph(body: string): string | null {
  const match = /\S[\s\S]*?(?=\r?\n\s*\r?\n|$)/.exec(body);
  return match ? match[0].trim() : null;
}

/** An article's summary: the copy's own standfirst, else its first paragraph (stored at import; lists show it). */
export function summaryOf(standfirst: string | null | undefined, body: string): string | null {
  return standfirst ?? firstParagraph(body);
}

export function joinParagraphs(paragraphs: readonly string[]): string {
  return paragraphs
    .map((paragraph) => paragraph.trim())
    .filter(Boolean)
    .join(PARAGRAPH_SEPARATOR);
}

export function countWords(text: string): number {
  // Words are runs of letters or digits, with inner apostrophes and hyphens ("didn't", "four-year").
  return text.match(/[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu)?.length ?? 0;
}

/** At least one minute for any non-empty text, rounded up. */
export function readingTimeMinutes(wordCount: number): number {
  return wordCount === 0 ? 0 : Math.max(1, Math.ceil(wordCount / WORDS_PER_MINUTE));
}
