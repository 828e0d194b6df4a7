import * as chrono from 'chrono-node';
import { KNOWN_SECTIONS } from './copy-label';
import { countWork } from './extraction-work';
import { assertImportableText, ImportInputError } from './import-errors';

/** What the layout of raw copy gives, before people and quotes are extracted. */
export interface CopyLayout {
  headline: string;
  /** A section glued to or printed with the headline ("…Peace TalksTop Stories"), if any. */
  section: string | null;
  /** Null when the copy has no date line. */
  publishedAt: Date | null;
  imageCredit: string | null;
  /** A line between the headline and the date or byline that sums the story up, if any. */
  standfirst: string | null;
  paragraphs: string[];
  warnings: string[];
}

const HEADER_LINES_SCANNED = 8;
/**
 * Header lines (dates, bylines, credits) and page furniture are short; longer lines are copy and
 * skip those patterns, several of which would cost the square of a long line without spaces.
 */
const MAX_HEADER_LINE_CHARS = 400;
/** A rights notice of 60 long words at most. */
const MAX_FURNITURE_CHARS = 1_000;
const MAX_HEADLINE_WORDS = 40;

const IMAGE_CREDIT = [
  /^\(?\s*(?:image|photo|photograph|picture|pic)(?:\s+(?:source|credit|courtesy))?(?:\s+from)?\s*[:\-–—]\s*(.+?)\s*\)?\s*$/i,
  /^\(?\s*(?:image|photo|photograph|picture)s?\s+(?:by|from|courtesy of)\s+(.+?)\s*\)?\s*$/i,
  /^(?:image|photo)\s+source\s*[:,]\s*(.+?)\s*$/i,
  /^\(?\s*credit\s*:\s*(.+?)\s*\)?\s*$/i,
];

const CAPTION_CREDIT =
  /^[^"“”]{10,300}[.!?]\s+(?:(?:Photograph|Photo|Picture|Image):\s*(.{2,80})|(\p{Lu}[\p{L}'’-]+(?:\s+\p{Lu}[\p{L}'’.-]*){1,3}\s+(?:for|\/|\|)\s+\p{Lu}[\p{L}&.]*(?:\s+\p{Lu}[\p{L}&.]*){0,3})|\[(\p{Lu}[^[\]]{2,60})\]|\((\p{Lu}[\p{L}'’.-]+(?:\s+\p{Lu}[\p{L}'’.-]*){1,3}\s*\/\s*[^()]{2,60})\))$/u;

/** Byline shapes in the header: "By Jenna Lachance, Legislative Reporter", "Jonathan Pryce Consumer affairs correspondent". */
const BYLINES = [
  /^(?:by|text by):?\s+[^.!?"“”]{2,90}$/iu,
  // "Jordan Tavares · CBC News ·"
  /^\p{Lu}[\p{L}'’-]+(?:\s+\p{Lu}[\p{L}'’-]+){1,3}\s+[·•|]\s+[^.!?"“”]{2,40}$/u,
  // A name on its own line ("Priya Raghunathan"), or a desk ("Express News Service").
  /^(?!.*\b(?:The|This|That|These|Our|Your|Its|And|Of|For|To|In|On|At|With|Is|Are)\b)\p{Lu}[\p{L}'’-]+(?:\s+\p{Lu}[\p{L}'’-]+){0,2}$/u,
  /^(?:[\p{L}]+\s+){0,2}(?:news\s+service|bureau|news\s+desk|staff\s+reporter|wire\s+services?)$/iu,
  /^\p{Lu}[\p{L}'’-]+(?:\s+\p{Lu}[\p{L}'’-]+){1,3},?\s+(?:[\p{L}-]+\s+){0,3}(?:reporter|correspondent|editor|writer|columnist|journalist|desk|staff)$/iu,
  /^(?:special|staff|our|senior|political|foreign)\s+(?:correspondent|reporter|writer)$/iu,
  // "Gareth Pryce-Jones, BBC Sport, Taunton": name, outlet and place, all capitalised.
  /^\p{Lu}[\p{L}'’-]+(?:\s+\p{Lu}[\p{L}'’-]+){1,3},\s+\p{Lu}[\p{L}'’&.-]*(?:\s+\p{Lu}[\p{L}'’&.-]*){0,3}(?:,\s+\p{Lu}[\p{L}'’-]*(?:\s+\p{Lu}[\p{L}'’-]*){0,2})?$/u,
];
const MAX_BYLINE_WORDS = 10;
const MAX_STANDFIRST_LINES = 3;
/** Header lines that are neither date, credit nor byline, and say nothing about the story. */
const HEADER_NOTES = [
  /^\d+\s+min(?:ute)?s?\s+read$/i,
  /^reporting from\b/i,
  /^why you can trust\b/i,
  /^(?:representative|file|stock) (?:image|photo|picture)$/i,
  /^heard on\b/i,
  /^source\s*:\s*\S/i,
  // The outlet or desk on a line of its own: "The West Australian", "Associated Press", "Legal Correspondent".
  /^(?:The\s+)?(?:\p{Lu}[\p{L}.&'’-]*\s+){0,4}(?:Times|Post|News|Australian|Tribune|Press|Herald|Journal|Telegraph|Globe|Star|Mail|Express|Chronicle|Gazette|Independent|Guardian|Observer|Standard|Examiner|Courier|Advertiser|Mirror|Wire|Correspondent|Reporter|Editor|Desk|Staff)$/u,
];
const WIRE_PLACE = /^\p{Lu}[\p{Lu} .'-]+,\s*(?=\p{L}|\d)/u;
const WIRE_AGENCY = /\s*\([\p{L}.& ]{2,20}\)\s*[-–—]*\s*$/u;
const DATE_PREFIX = /^(?:(?:first\s+)?published|(?:last\s+)?updated|posted|last\s+modified|date)\s*(?:on|at)?\s*[:\-–—]?\s*/i;
/** What may trail a stamp: "· 3 min read", ", The Times", " - CHENNAI". */
// Only an upper-case place ("- CHENNAI", ", UK") or an outlet's name ("The Times"): "WASHINGTON, Jan 5, 2027 - The Fed held rates" is a lede.
const AFTER_DATE =
  /(?:\s*\d+\s+min(?:ute)?s?\s+read|\s*[,\-–—]\s*\p{Lu}[\p{Lu} .'’-]{1,30}|,\s*The\s+\p{Lu}\p{L}+(?:\s+\p{Lu}\p{L}+){0,2})$/u;
/** "Updated Sep 18, 2028, 1:47 pm EDT / Original Sep 18, 2028, 12:32 pm EDT": the original stamp is the publication time. */
const FIRST_STAMP_WORD = /\b(?:original(?:ly)?(?:\s+published)?|first\s+published|published|posted)\s*(?:on|at)?\s*:?\s*$/iu;

/** Page furniture: short blocks that are the website around the article, not the article. */
const FURNITURE = [
  /\bsign\s*up\b/i,
  /\bnewsletter\b/i,
  /\brate this (?:article|post|story)\b/i,
  /^\(?\d[\d,]*\s+votes?\)?$/i,
  /\bshare (?:this|on)\b/i,
  /\bfollow us\b/i,
  /\bsubscribe\b/i,
  /^read (?:more|also|next)\b/i,
  /^related(?: articles| stories| content)?\s*:?/i,
  /^advertisement$/i,
  /\ball rights reserved\b/i,
  /^(?:©|copyright\b)/i,
  /\bclick here\b/i,
  /^tags?\s*:/i,
  /\bstraight to your inbox\b/i,
  /\b(?:download|get)\s+(?:our|the)\b.{0,40}\bapp\b/i,
  /\bsent straight to your (?:phone|inbox)\b/i,
  /^(?:join|follow)\b.{0,60}\b(?:whatsapp|telegram|channel)\b/i,
  /\btelegram\b/i,
  /^share$/i,
  /^[_=*~-]{3,}$/,
  /https?:\/\//i,
  /^[^|]{2,60}(?:\|[^|]{2,60})+$/,
  /^[a-z]{2,4}(?:[-/][a-z]{2,4}){1,6}$/,
  /^this (?:article|story) (?:appears|appeared|was (?:first )?published)\b/i,
  /^our standards\b/i,
  /\bnews tip\b/i,
  /^(?:leave|post) a comment\b/i,
  /^(?:\(|-{1,2}\s*)?(?:additional\s+)?(?:reporting|writing|editing)\s+by\b/i,
  /^edited by\s+\p{Lu}[\p{L}'’.-]*(?:\s+\p{Lu}[\p{L}'’.-]*){0,3}(?:\s+and\s+\p{Lu}[\p{L}'’.-]*(?:\s+\p{Lu}[\p{L}'’.-]*){0,3})?\.?$/iu,
  /^with files from\b/i,
  /^[—–-]*\s*with assistance from\b/i,
  /^view this post on\b/i,
  /^more (?:articles|stories) from\b/i,
  /^source:\s/i,
  /\blearn more$/i,
  /^share(?:\s+(?:or|and)\s+save)?(?:\s+this\s+(?:story|article))?$/i,
  /^doi:\s*10\./i,
  /\bgot a (?:news )?tip\b/i,
  /^also read\s*:/i,
  /^licen[cs]e this (?:article|story)\b/i,
  /\S+@\S+\.\p{L}{2,}/u,
  /^to contact the (?:reporters?|editors?)\b/i,
  /^\p{Lu}[\p{L}'’-]+\s+\p{Lu}[\p{L}'’-]+\s+(?:covers|reports on|is an? (?:[\p{L}-]+\s+){0,3}(?:reporter|writer|correspondent|editor|journalist))\b/u,
  /\bcontributed (?:to )?(?:this )?(?:report|story)\b/i,
  /^originally published\b/i,
  /^loading\W*$/i,
  /^(?:watch|listen|read|related|more|see also)\s*[|:]/i,
  /^related (?:news|coverage|stories|topics)$/i,
  /\btranscripts?\s+(?:by|provided by|courtesy of)\b/i,
];
const FURNITURE_MAX_WORDS = 30;
/** A bullet opening a summary line: "• …", "* …". */
const BULLET = /^[•·*–-]\s*/u;
/** A rights notice runs longer ("All rights reserved. This material … may not be reproduced …"). */
const RIGHTS_NOTICE =
  /\ball rights reserved\b|^(?:©|copyright\b)|^[a-z][a-z ]{1,40} is part of [a-z][a-z ]{1,40}, a nonprofit news network\b|^to contact the (?:reporters?|editors?)\b|^disclosure:|^this (?:story|article) was (?:produced|reported)\b|^explore more\b|^more on\b|^about the author\b/i;
const RIGHTS_NOTICE_MAX_WORDS = 60;
/** Lines at least this long on average, each ending a sentence, are one paragraph each. */
const ONE_PARAGRAPH_PER_LINE_MIN_LENGTH = 100;

function normalizeText(text: string): string {
  return text
    .replace(/^\ufeff/, '')
    .replace(/\r\n?/g, '\n')
    .replace(/[\u00a0\t]/g, ' ')
    .split('\n')
    .map(trimTrailingSpaces)
    .join('\n');
}

/** Not /[ ]+$/gm: on a long run of spaces inside a line, that pattern costs the square of the run. */
function trimTrailingSpaces(line: string): string {
  let end = line.length;
  while (end > 0 && line.charCodeAt(end - 1) === 32) end -= 1;
  return end === line.length ? line : line.slice(0, end);
}

function wordCount(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

/** Words a date line may hold besides its dates: "Posted …, updated …", "PUBLISHED: … | UPDATED: …". */
const DATE_LINE_WORDS = /\b(?:first|last|published|updated|posted|modified|original|originally|date|and|at|on)\b/giu;
/** "CENTRAL" as US outlets print it: chrono reads the abbreviations. */
const US_ZONE_WORDS: Record<string, string> = { EASTERN: 'ET', CENTRAL: 'CT', MOUNTAIN: 'MT', PACIFIC: 'PT' };
/** "Philippine Daily Inquirer / 05:14 AM March 11, 2027": the outlet's name before the stamp. */
const OUTLET_BEFORE_DATE = /^(?:\p{Lu}[\p{L} .&'’-]{1,40}\s\/\s)+(?=.*\d)/u;
/** Separators between a date line's parts: "November 5, 2026 · 9:47 AM", "26.10.2026 | 13:45", "Updated / Thursday". */
const DATE_LINE_SEPARATORS = /\s*(?:[·•|]|\s\/\s|\s[—–]\s)\s*/gu;

/** Parses a line that is a date and nothing more ("January 30, 2026 07:10", "Published: 30 Jan 2026"); the first date wins. */
export function parseDateLine(line: string): Date | null {
  const text = line
    .replace(DATE_PREFIX, '')
    // A wire dateline: "ACCRA, Dec 10, 2025 (AFP) -".
    .replace(WIRE_PLACE, '')
    .replace(WIRE_AGENCY, '')
    .replace(OUTLET_BEFORE_DATE, '')
    .replace(DATE_LINE_SEPARATORS, ' ')
    .replace(AFTER_DATE, (tail: string) => (/\d/u.test(tail) && !/min(?:ute)?s?\s+read$/iu.test(tail) ? tail : ''))
    .replace(/\b(EASTERN|CENTRAL|MOUNTAIN|PACIFIC)$/u, (zone: string) => US_ZONE_WORDS[zone])
    // "4.38pm" -> "4:38pm"; "26.10.2026" (day first, as written outside the US) -> "2026-10-26".
    .replace(/\b(\d{1,2})\.(\d{2})\s*([ap]\.?m\b\.?)/giu, '$1:$2$3')
    .replace(
      /\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b/gu,
      (_, day: string, month: string, year: string) => `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`,
    )
    .trim();
  if (!text || text.length > 120) return null;
  const results = chrono.parse(text, { instant: new Date(), timezone: 'UTC' }, { forwardDate: false });
  const dated = results.filter((candidate) => candidate.start.isCertain('year'));
  const result = dated.find((candidate) => FIRST_STAMP_WORD.test(text.slice(0, candidate.index))) ?? dated[0];
  if (!result) return null;
  // The dates must be (nearly) the whole line: a sentence that mentions a date is not a date line.
  let rest = text;
  for (const found of [...results].sort((a, b) => b.index - a.index))
    rest = rest.slice(0, found.index) + rest.slice(found.index + found.text.length);
  if (rest.replace(DATE_LINE_WORDS, '').replace(/[\s,.;:|()\-–—/]+/g, '').length > 0) return null;
  if (!result.start.isCertain('hour')) {
    // A date without a time: midnight UTC of that day, not chrono's noon.
    return new Date(Date.UTC(result.start.get('year')!, result.start.get('month')! - 1, result.start.get('day')!));
  }
  return result.start.date();
}

/** "By Meghan Acosta-Reilly Globe Correspondent,Updated September 18, 2028, 5:00 a.m.": a byline and its stamp on one line. */
function stampAfterByline(line: string): Date | null {
  const glued = /^by\s[^,]{2,80},\s*((?:updated|published|posted)\b.+)$/iu.exec(line);
  return glued ? parseDateLine(glued[1]) : null;
}

/** What the header loop accepts, asked ahead of a standfirst: a date, a credit or caption, a byline. */
function isHeaderLine(line: string): boolean {
  if (line.length > MAX_HEADER_LINE_CHARS) return false;
  const bare = line.replace(/\s*[|·•]?\s*\S+@\S+\s*$/u, '');
  if (parseDateLine(line) !== null || stampAfterByline(line) !== null || imageCredit(line) !== null || CAPTION_CREDIT.test(line))
    return true;
  // A name-shaped line that is page furniture ("Advertisement") is no byline; an e-mail after a name is no furniture.
  return !isFurniture(bare) && wordCount(bare) <= MAX_BYLINE_WORDS && BYLINES.some((pattern) => pattern.test(bare));
}

function imageCredit(line: string): string | null {
  for (const pattern of IMAGE_CREDIT) {
    const match = pattern.exec(line);
    if (match?.[1]) return match[1].trim();
  }
  return null;
}

/**
 * The paragraphs of one blank-line-separated block: hard-wrapped lines are one paragraph; long
 * lines that each end a sentence are copy written one paragraph a line, with no blank lines.
 */
function blockParagraphs(lines: string[]): string[] {
  if (lines.length < 2) return lines;
  // Judge by the long lines: a short one is a hard-wrapped paragraph's last line, or furniture.
  const long = lines.filter((line) => line.length >= 40);
  if (long.length < 2) return [lines.join(' ')];
  const sentenceEnds = long.filter((line) => /[.!?]["”’)]?$/u.test(line)).length;
  const averageLength = long.reduce((sum, line) => sum + line.length, 0) / long.length;
  const onePerLine = sentenceEnds >= long.length * 0.8 && averageLength >= ONE_PARAGRAPH_PER_LINE_MIN_LENGTH;
  return onePerLine ? lines : [lines.join(' ')];
}

function isFurniture(block: string): boolean {
  if (block.length > MAX_FURNITURE_CHARS) return false;
  const words = wordCount(block);
  if (words <= RIGHTS_NOTICE_MAX_WORDS && RIGHTS_NOTICE.test(block.trim())) return true;
  // Reported speech is the story even when it says "subscribe" or "newsletter".
  if (/["“”«»]|\b(?:said|says|told)\b/u.test(block)) return false;
  return words <= FURNITURE_MAX_WORDS && FURNITURE.some((pattern) => pattern.test(block.trim()));
}

/** "…Peace TalksTop Stories" -> ["…Peace Talks", "Top Stories"] when the suffix is a section name. */
export function splitGluedSection(line: string): [string, string] | null {
  const match = /^(.*[\p{Ll}\d.?!'"’”)])(\p{Lu}[\p{L}&]*(?: [\p{Lu}&][\p{L}&]*){0,2})$/u.exec(line);
  if (!match) return null;
  const [, headline, section] = match;
  const isSection = KNOWN_SECTIONS.has(section.toLowerCase()) || /^[\p{Lu}&]{3,}$/u.test(section);
  return isSection && wordCount(headline) >= 2 ? [headline.trim(), section] : null;
}

/**
 * Reads raw copy: a headline line (possibly with the section glued to its end), then header
 * lines in any order (date, the headline again, an image credit, a byline), then paragraphs
 * separated by blank lines, then page furniture, which is dropped.
 */
export function parseCopyLayout(raw: string): CopyLayout {
  assertImportableText(raw);
  const text = normalizeText(raw);
  countWork(0, text.length);
  const warnings: string[] = [];

  // Lines, each tagged with the blank-line-separated block it belongs to.
  const lines: { text: string; block: number }[] = [];
  let block = 0;
  for (const line of text.split('\n')) {
    const trimmed = line.trim();
    if (!trimmed) {
      block += 1;
      continue;
    }
    lines.push({ text: trimmed.replace(/\s+/g, ' '), block });
  }
  if (lines.length === 0) throw new ImportInputError('The text is empty.');

  const first = lines[0].text;
  if (wordCount(first) > MAX_HEADLINE_WORDS) {
    throw new ImportInputError(
      `The copy has no headline: its first line has ${wordCount(first)} words (a headline has at most ${MAX_HEADLINE_WORDS}).`,
    );
  }

  let headline = first;
  let section: string | null = null;
  let publishedAt: Date | null = null;
  let credit: string | null = null;
  let standfirst: string | null = null;
  let index = 1;

  // A section printed on its own line above the headline ("World", then the headline).
  if (KNOWN_SECTIONS.has(first.toLowerCase()) && lines.length > 2 && wordCount(lines[1].text) <= MAX_HEADLINE_WORDS) {
    section = first;
    headline = lines[1].text;
    index = 2;
  }

  // Header lines after the headline; the first line that is none of them starts the body.
  for (; index < Math.min(lines.length, HEADER_LINES_SCANNED); index += 1) {
    const line = lines[index].text;
    if (line === headline) continue;
    // A long line is no date, credit, byline or note (those patterns would cost the square of it), but may be a standfirst.
    const short = line.length <= MAX_HEADER_LINE_CHARS;
    if (section === null && first.startsWith(line) && first.length > line.length && wordCount(line) >= 2) {
      // The headline repeated without the section that was glued to the first line.
      headline = line;
      section = first.slice(line.length).trim() || null;
      continue;
    }
    // The first date line is the publication time; a later one ("Updated …") is header too.
    const date: Date | null = short ? (parseDateLine(line) ?? stampAfterByline(line)) : null;
    if (date) {
      publishedAt ??= date;
      continue;
    }
    // A photo caption ending in its credit: "Solomiia Bilous at her studio in Berlin. Marta Kühnel for NPR".
    const caption: RegExpExecArray | null = short && credit === null ? CAPTION_CREDIT.exec(line) : null;
    if (caption) {
      credit = caption[1] ?? caption[2] ?? caption[3] ?? caption[4];
      continue;
    }
    const lineCredit: string | null = short && credit === null ? imageCredit(line) : null;
    if (lineCredit) {
      credit = lineCredit;
      continue;
    }
    const bare = short ? line.replace(/\s*[|·•]?\s*\S+@\S+\s*$/u, '') : line; // "By Marcus Delacroix | mdelacroix@…"
    if (short && wordCount(bare) <= MAX_BYLINE_WORDS && BYLINES.some((pattern) => pattern.test(bare))) continue;
    if (short && HEADER_NOTES.some((pattern) => pattern.test(line))) continue;
    // A standfirst (a line or a few bullet lines) between the headline and the date or byline
    // ("Health authority says it is recruiting…", "• A former data engineer …").
    // Bullet summaries run as long as their bullets do ("* STOXX 600 ends down 0.4%", four of them, then the byline).
    let bullets = 0;
    while (BULLET.test(lines[index + bullets]?.text ?? '')) bullets += 1;
    const ahead = lines.slice(index + 1, index + 1 + Math.max(MAX_STANDFIRST_LINES, bullets));
    const headerAt = standfirst === null ? ahead.findIndex((next) => isHeaderLine(next.text)) : -1;
    if (headerAt >= 0) {
      const summary: string[] = lines.slice(index, index + 1 + headerAt).map((next) => next.text.replace(BULLET, ''));
      standfirst = summary.join(' ');
      index += headerAt;
      continue;
    }
    break;
  }
  if (section === null) {
    const glued = splitGluedSection(headline);
    if (glued) [headline, section] = glued;
  }
  headline = headline.replace(/\s+/g, ' ').trim();

  const blocks = new Map<number, string[]>();
  for (const line of lines.slice(index)) {
    // An image credit inside the body is furniture too (it is kept as the credit).
    const lineCredit = line.text.length <= MAX_HEADER_LINE_CHARS && wordCount(line.text) <= 12 ? imageCredit(line.text) : null;
    if (lineCredit) {
      credit ??= lineCredit;
      continue;
    }
    const blockLines = blocks.get(line.block);
    if (blockLines) blockLines.push(line.text);
    else blocks.set(line.block, [line.text]);
  }
  const paragraphs: string[] = [];
  let droppedFurniture = false;
  for (const paragraph of [...blocks.values()].flatMap(blockParagraphs)) {
    if (isFurniture(paragraph)) {
      droppedFurniture = true;
      continue;
    }
    // A short parenthetical after page furniture belongs to it ("(And get daily dose …)").
    if (droppedFurniture && /^\(.*\)$/.test(paragraph) && wordCount(paragraph) <= FURNITURE_MAX_WORDS) continue;
    paragraphs.push(paragraph);
  }
  if (paragraphs.length === 0) throw new ImportInputError('The copy has no body paragraphs after the headline.');
  if (publishedAt === null) warnings.push('No date line found: the publication time is the import time.');
  return { headline, section, publishedAt, imageCredit: credit, standfirst, paragraphs, warnings };
}
