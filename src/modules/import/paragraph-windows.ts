/**
 * The extractors read copy paragraph by paragraph, and a few of their steps look across a whole
 * paragraph (sentence splitting, the subject "he" stands for, a name's list neighbours). Real
 * paragraphs are short: the longest of 3,389 in the 204 labelled articles has 526 characters. A
 * pasted table, transcript or agency dump can put 100 kB in one "paragraph", and then those steps
 * cost the square of its length. So a paragraph longer than MAX_WINDOW_CHARS is read in windows
 * cut at sentence ends (failing that, at a space): each step's cost is bounded by a window, and the
 * whole extraction grows with the text. Cuts fall outside quotation marks where the window allows,
 * so that a quote stays whole. Stored paragraphs are not changed.
 */
export const MAX_WINDOW_CHARS = 2_000;

export interface ParagraphWindows {
  /** The text the extractors read: every paragraph, long ones cut into windows. */
  windows: string[];
  /** For each window, the paragraph it comes from. */
  paragraphOf: number[];
}

/** A sentence end, at which a long paragraph is best cut. */
const SENTENCE_END = /[.!?]["”’»)]?\s+/gu;

export function paragraphWindows(paragraphs: readonly string[], maxChars = MAX_WINDOW_CHARS): ParagraphWindows {
  const windows: string[] = [];
  const paragraphOf: number[] = [];
  paragraphs.forEach((paragraph, index) => {
    const quoted = paragraph.length > maxChars ? insideDoubleQuotes(paragraph) : null;
    let at = 0;
    while (paragraph.length - at > maxChars) {
      const cut = at + cutPoint(paragraph.slice(at, at + maxChars), (offset) => quoted![at + offset] === 1);
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

/** For each offset, 1 when it lies inside double quotation marks ("…", “…”, „…“, «…»). */
function insideDoubleQuotes(text: string): Uint8Array {
  const inside = new Uint8Array(text.length);
  let open = false;
  for (let offset = 0; offset < text.length; offset += 1) {
    const char = text[offset];
    if (char === '"') open = !open;
    else if (char === '“' || char === '„' || char === '«') open = true;
    else if (char === '”' || char === '»') open = false;
    if (open) inside[offset] = 1;
  }
  return inside;
}

/**
 * Where to end a window of `text` (at most its length): after the last sentence end in its second
 * half that is outside quotation marks, so that no quote is split between windows; failing that,
 * after the last sentence end there (a quote that runs on past the window), else at its last space.
 */
function cutPoint(text: string, isQuoted: (offset: number) => boolean): number {
  const half = text.length >> 1;
  let outside = -1;
  let anywhere = -1;
  for (const match of text.matchAll(SENTENCE_END)) {
    const end = (match.index ?? 0) + match[0].length;
    if (end < half || end >= text.length) continue;
    anywhere = end;
    if (!isQuoted(end - 1)) outside = end;
  }
  if (outside > 0) return outside;
  if (anywhere > 0) return anywhere;
  const space = text.lastIndexOf(' ');
  if (space >= half) return space + 1;
  // No space at all: cut anywhere, but not between the two halves of a surrogate pair.
  const code = text.charCodeAt(text.length - 1);
  return code >= 0xd800 && code <= 0xdbff ? text.length - 1 : text.length;
}
