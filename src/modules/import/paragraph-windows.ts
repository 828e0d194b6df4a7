/**
 * The extractors read copy paragraph by paragraph, and a few of their steps look across a whole
 * paragraph (sentence splitting, the subject "he" stands for, a name's list neighbours). Real
 * paragraphs are short: the longest of 3,389 in the 204 labelled articles has 526 characters. A
 * pasted table, transcript or agency dump can put 100 kB in one "paragraph", and then those steps
 * cost the square of its length. So a paragraph longer than MAX_WINDOW_CHARS is read in windows
 * cut at sentence ends (failing that, at a space): each step's cost is bounded by a window, and the
 * whole extraction grows with the text. Stored paragraphs are not changed.
 */
export const MAX_WINDOW_CHARS = 2_000;

export interface ParagraphWindows {
  /** The text the extractors read: every paragraph, long ones cut into windows. */
  windows: string[];
  /** For each window, the paragraph it comes from. */
  paragraphOf: number[];
}

/** A sentence end, or failing that a space, at which a long paragraph may be cut. */
const SENTENCE_END = /[.!?]["”’»)]?\s+/gu;

export function paragraphWindows(paragraphs: readonly string[], maxChars = MAX_WINDOW_CHARS): ParagraphWindows {
  const windows: string[] = [];
  const paragraphOf: number[] = [];
  paragraphs.forEach((paragraph, index) => {
    let at = 0;
    while (paragraph.length - at > maxChars) {
      const cut = at + cutPoint(paragraph.slice(at, at + maxChars));
      const window = paragraph.slice(at, cut).trim();
      if (window) {
        windows.push(window);
        paragraphOf.push(index);
      }
      at = cut;
    }
    const rest = at === 0 ? paragraph : paragraph.slice(at).trim();
    if (rest) {
      windows.push(rest);
      paragraphOf.push(index);
    }
  });
  return { windows, paragraphOf };
}

/** Where to end a window of `text` (at most its length): after the last sentence end in its second half, else at its last space. */
function cutPoint(text: string): number {
  const half = text.length >> 1;
  let sentenceEnd = -1;
  for (const match of text.matchAll(SENTENCE_END)) {
    const end = (match.index ?? 0) + match[0].length;
    if (end >= half && end < text.length) sentenceEnd = end;
  }
  if (sentenceEnd > 0) return sentenceEnd;
  const space = text.lastIndexOf(' ');
  if (space >= half) return space + 1;
  // No space at all: cut anywhere, but not between the two halves of a surrogate pair.
  const code = text.charCodeAt(text.length - 1);
  return code >= 0xd800 && code <= 0xdbff ? text.length - 1 : text.length;
}
