import type { ArticleDraft } from './article-draft';
import { parseCopyLayout } from './copy-layout.parser';
import { looksEnglish } from './lexicon';
import { paragraphWindows } from './paragraph-windows';
import { extractPeople } from './people.extractor';
import { extractQuotes } from './quotes.extractor';
import { findTranscriptTurns } from './transcript';

export const DEFAULT_SECTION = 'News';

export interface ImportRequest {
  text: string;
  sourceUrl?: string | null;
  /** Overrides the section the copy gives; without either, the section is "News". */
  section?: string | null;
}

export interface Extraction {
  draft: ArticleDraft;
  warnings: string[];
}

/**
 * Raw copy in, structured article out: layout (headline, date, image credit, paragraphs), the
 * people the body names and the quotes attributed to them. Pure: nothing is read or written.
 */
export function extractArticle(request: ImportRequest, now: Date = new Date()): Extraction {
  const layout = parseCopyLayout(request.text);
  // Long paragraphs are read in windows, so that no step costs the square of a paragraph (see paragraph-windows.ts).
  const { windows, paragraphOf } = paragraphWindows(layout.paragraphs);
  const turns = findTranscriptTurns(windows);
  const { people, mentions, organisations, genders } = extractPeople(windows, turns);
  const quotes = extractQuotes(windows, mentions, people, organisations, genders, turns).map((quote) => ({
    ...quote,
    paragraphIndex: paragraphOf[quote.paragraphIndex],
  }));
  const warnings = [...layout.warnings];
  if (!looksEnglish(layout.paragraphs)) {
    warnings.push('The copy does not read as English: extraction is tuned for English, so people and quotes may be missed.');
  }
  if (people.length === 0) warnings.push('No people found in the body.');
  const unnamed = quotes.filter((quote) => quote.speaker === null).length;
  if (unnamed > 0) warnings.push(`${unnamed} quote${unnamed === 1 ? ' has' : 's have'} no named speaker.`);

  const section = request.section?.trim() || layout.section || DEFAULT_SECTION;
  return {
    draft: {
      headline: layout.headline,
      section,
      publishedAt: layout.publishedAt ?? now,
      standfirst: layout.standfirst,
      paragraphs: layout.paragraphs,
      image: layout.imageCredit ? { credit: layout.imageCredit } : null,
      sourceUrl: request.sourceUrl?.trim() || null,
      people,
      quotes,
    },
    warnings,
  };
}
