import type { PersonDraft, QuoteDraft } from './article-draft';
import { ABBREVIATIONS, INVERTED_SPEECH_VERBS, PRONOUNS, ROLE_NOUNS, SOURCE_NOUNS, SPEECH_VERBS } from './lexicon';
import type { PersonMention } from './people.extractor';

interface QuoteSpan {
  paragraph: number;
  /** Index of the opening mark. */
  open: number;
  /** Index of the closing mark, or the paragraph's length when the quote runs on to the next paragraph. */
  close: number;
  closed: boolean;
  text: string;
}

interface Attribution {
  speaker: string | null;
  attribution: string;
}

const MIN_WORDS_UNATTRIBUTED = 4;
const MAX_ATTRIBUTION_LENGTH = 80;
const words = (text: string) => text.split(/\s+/).filter(Boolean).length;

/** Double-quoted spans, straight or curly; an unclosed one runs to the end of its paragraph. */
export function findQuoteSpans(paragraph: string, paragraphIndex: number): QuoteSpan[] {
  const spans: QuoteSpan[] = [];
  let open = -1;
  for (let index = 0; index < paragraph.length; index += 1) {
    const char = paragraph[index];
    if (open === -1 && (char === '“' || char === '"' || char === '„')) {
      open = index;
    } else if (open !== -1 && (char === '”' || char === '"' || (char === '“' && paragraph[open] === '„'))) {
      spans.push(span(paragraph, paragraphIndex, open, index, true));
      open = -1;
    }
  }
  if (open !== -1) spans.push(span(paragraph, paragraphIndex, open, paragraph.length, false));
  return spans.filter((quote) => quote.text.length > 0);
}

function span(paragraph: string, paragraphIndex: number, open: number, close: number, closed: boolean): QuoteSpan {
  return { paragraph: paragraphIndex, open, close, closed, text: trimQuoteText(paragraph.slice(open + 1, close)) };
}

/** Trailing commas, full stops, colons and semicolons inside the marks are the sentence's, not the speaker's. */
export function trimQuoteText(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[\s,.;:]+$/u, '')
    .trim();
}

/** Start offsets of the sentences of a paragraph, ignoring full stops inside quotes and after abbreviations. */
function sentenceStarts(paragraph: string, spans: readonly QuoteSpan[]): number[] {
  const starts = [0];
  const pattern = /[.!?]["”’)]?\s+(?=["“\p{Lu}\d])/gu;
  for (const match of paragraph.matchAll(pattern)) {
    const at = match.index ?? 0;
    if (spans.some((quote) => at > quote.open && at < quote.close)) continue;
    const word = /([\p{L}.]+)$/u.exec(paragraph.slice(0, at))?.[1]?.toLowerCase() ?? '';
    if (ABBREVIATIONS.has(word) || /^\p{L}$/u.test(word)) continue;
    starts.push(at + match[0].length);
  }
  return starts;
}

const VERB = `(?:${[...SPEECH_VERBS].join('|')})`;
const INVERTED_VERB = `(?:${[...INVERTED_SPEECH_VERBS].join('|')})`;
const PRONOUN = `(?:${[...PRONOUNS].join('|')})`;
const SOURCE_NOUN = `(?:${[...SOURCE_NOUNS].map((noun) => noun.replace(/[.]/g, '\\.')).join('|')})`;
/** "a US official", "the local government minister", "a person familiar with the matter". */
const SOURCE_PHRASE = `(?:a|an|the|one|two|three|several|many|some|its|his|her|their)\\s+(?:[\\p{L}'’-]+\\s+){0,4}?${SOURCE_NOUN}(?:\\s+(?:for|of|at|with|from|in|familiar with)\\s+(?:the\\s+)?(?:[\\p{L}'’-]+\\s+){0,3}?[\\p{L}'’-]+)?`;

/**
 * Finds every quote in the body with its speaker: attribution after the quote (`"…," Kadyrov
 * stated`, `"…," said X`), before it in the same sentence (`X said that "…"`, `according to X`),
 * a pronoun pointing at the last person named, or the previous quote's speaker for a quote
 * split by its attribution or continued across paragraphs. Quotes whose source the copy does not
 * name keep `speaker: null` and the copy's wording ("a US official … informed").
 */
export function extractQuotes(
  paragraphs: readonly string[],
  mentions: readonly PersonMention[],
  people: readonly PersonDraft[] = [],
): QuoteDraft[] {
  const descriptions = new Map(people.map((person) => [person.name, (person.description ?? '').toLowerCase().split(/[^\p{L}-]+/u)]));
  const spansByParagraph = paragraphs.map((paragraph, index) => findQuoteSpans(paragraph, index));
  const insideQuote = (mention: PersonMention) =>
    spansByParagraph[mention.paragraph].some((quote) => mention.start > quote.open && mention.start < quote.close);
  const narrativeMentions = mentions.filter((mention) => !insideQuote(mention));

  /** The person named last before a point of the body (quotes excluded): what "he" or "she" means there. */
  const lastPersonBefore = (paragraph: number, offset: number): string | null => {
    let found: PersonMention | null = null;
    for (const mention of narrativeMentions) {
      if (mention.paragraph < paragraph || (mention.paragraph === paragraph && mention.end <= offset)) found = mention;
    }
    return found?.person ?? null;
  };
  /** "the minister said": the person named last before `offset` whose role has that noun. */
  const describedPerson = (phrase: string, paragraph: number, offset: number): string | null => {
    const words = phrase.trim().toLowerCase().split(/\s+/);
    const head = words[words.length - 1];
    if (words[0] !== 'the' || words.length > 4 || !ROLE_NOUNS.has(head)) return null;
    const earlier = narrativeMentions.filter(
      (mention) => mention.paragraph < paragraph || (mention.paragraph === paragraph && mention.end <= offset),
    );
    for (const mention of earlier.reverse()) {
      if (descriptions.get(mention.person)?.includes(head)) return mention.person;
    }
    return null;
  };
  const mentionAt = (paragraph: number, offset: number) =>
    narrativeMentions.find((mention) => mention.paragraph === paragraph && mention.start === offset);

  const quotes: QuoteDraft[] = [];
  let previous: (Attribution & { paragraph: number; runsOn: boolean }) | null = null;

  paragraphs.forEach((paragraph, paragraphIndex) => {
    const spans = spansByParagraph[paragraphIndex];
    const starts = sentenceStarts(paragraph, spans);
    spans.forEach((quote, spanIndex) => {
      const sentenceStart = Math.max(...starts.filter((start) => start <= quote.open));
      const earlierInParagraph = spanIndex > 0 ? spans[spanIndex - 1] : null;
      const from = Math.max(sentenceStart, earlierInParagraph ? earlierInParagraph.close + 1 : 0);

      const resolveSubject = (subject: string, at: number): string | null => {
        if (new RegExp(`^${PRONOUN}$`, 'iu').test(subject)) {
          return /^(?:he|she)$/iu.test(subject) ? lastPersonBefore(paragraphIndex, at) : null;
        }
        if (/^the\s/iu.test(subject)) return describedPerson(subject, paragraphIndex, at);
        return mentionAt(paragraphIndex, at)?.person ?? null;
      };

      const found =
        attributionAfter(paragraph, quote, paragraphIndex, resolveSubject, mentionAt) ??
        attributionBefore(paragraph, quote, from, paragraphIndex, resolveSubject, narrativeMentions);

      let attribution: Attribution | null = found;
      if (!attribution && previous) {
        const continues = previous.runsOn && quote.open <= 1 && previous.paragraph === paragraphIndex - 1;
        const sameParagraph = previous.paragraph === paragraphIndex && earlierInParagraph !== null;
        if (continues || sameParagraph) attribution = { speaker: previous.speaker, attribution: previous.attribution };
      }
      if (!attribution && words(quote.text) >= MIN_WORDS_UNATTRIBUTED && /^\p{Lu}/u.test(quote.text)) {
        // A whole sentence in quotes with no attribution: the person the copy was just talking about.
        const speaker = lastPersonBefore(paragraphIndex, quote.open);
        if (speaker) attribution = { speaker, attribution: speaker };
      }
      if (!attribution) return; // scare quotes, titles, nicknames
      quotes.push({ text: quote.text, speaker: attribution.speaker, attribution: attribution.attribution, paragraphIndex });
      previous = { ...attribution, paragraph: paragraphIndex, runsOn: !quote.closed };
    });
  });
  return quotes;
}

type SubjectResolver = (subject: string, at: number) => string | null;

/** A person named within a few title words of `at`, with no punctuation between. */
function titledMentionAfter(
  paragraph: string,
  paragraphIndex: number,
  at: number,
  mentionAt: (paragraph: number, offset: number) => PersonMention | undefined,
): PersonMention | undefined {
  const window = /^[^,.;:!?"“”()]{0,60}/u.exec(paragraph.slice(at))![0];
  for (const word of window.matchAll(/(?<=^|\s)\p{Lu}/gu)) {
    const found = mentionAt(paragraphIndex, at + (word.index ?? 0));
    if (found) return found;
  }
  return undefined;
}

/** "some states", "his remarks": a speech verb's form used as a noun. */
const NOUN_BEFORE_VERB = /\b(?:the|a|an|some|many|all|these|those|his|her|their|its|our|other|several|both|\d+)\s+$/iu;

/** A short subject with no person in it ("The White House", "Police"): an unnamed source. */
const MAX_UNNAMED_SUBJECT_WORDS = 6;

/** `"…," Kadyrov stated`, `"…," said Teresa Okonkwo`, `"…," a government spokesman said`, `"…," she said`. */
function attributionAfter(
  paragraph: string,
  quote: QuoteSpan,
  paragraphIndex: number,
  resolve: SubjectResolver,
  mentionAt: (paragraph: number, offset: number) => PersonMention | undefined,
): Attribution | null {
  if (!quote.closed) return null;
  const inner = paragraph.slice(quote.open + 1, quote.close).trim();
  const base = quote.close + 1;
  const rest = paragraph.slice(base);
  const lead = /^[\s,]*/.exec(rest)![0];
  const at = base + lead.length;
  const after = paragraph.slice(at);
  // After a quote that ends its sentence, only a lower-case attribution ("he said") belongs to it.
  const endsSentence = /[.]$/.test(inner) && !lead.includes(',');

  // The subject may carry its title first: `"…," Senate Majority Leader Thomas Greer told reporters`.
  const mention = mentionAt(paragraphIndex, at) ?? titledMentionAfter(paragraph, paragraphIndex, at, mentionAt);
  if (mention) {
    const verb = new RegExp(`^[^,.;:"“”]{0,${mention.end - at + 40}}?\\s(?:\\p{Ll}+ly\\s+)?(${VERB})\\b`, 'u').exec(after.slice(0, 240));
    if (verb && !endsSentence && verb[0].length <= mention.end - at + 40) {
      return { speaker: mention.person, attribution: after.slice(0, verb[0].length).trim() };
    }
  }
  const pronoun = new RegExp(`^(${PRONOUN})\\s+(?:\\p{Ll}+ly\\s+)?(${VERB})\\b`, 'u').exec(after);
  if (pronoun) return { speaker: resolve(pronoun[1], at), attribution: pronoun[0] };
  // "the Belgian said", "the 29-year-old added": a description standing for the person just named.
  const epithet = new RegExp(
    `^(the\\s+(?:\\d+-year-old|\\p{Lu}\\p{Ll}+(?:ian|ean|ese|ish|ic|an|i)))\\s+(?:\\p{Ll}+ly\\s+)?(${VERB})\\b`,
    'u',
  ).exec(after);
  if (epithet) return { speaker: resolve('he', at), attribution: epithet[0] };
  const source = new RegExp(`^(${SOURCE_PHRASE})\\s+(?:\\p{Ll}+ly\\s+)?(${VERB})\\b`, 'iu').exec(after);
  if (source && !(endsSentence && /^\p{Lu}/u.test(after))) return { speaker: resolve(source[1], at), attribution: source[0] };

  const inverted = new RegExp(`^(${INVERTED_VERB})\\s+`, 'u').exec(after);
  if (inverted) {
    const subjectAt = at + inverted[0].length;
    const subject = mentionAt(paragraphIndex, subjectAt);
    if (subject) return { speaker: subject.person, attribution: paragraph.slice(at, subject.end).trim() };
    const subjectText = paragraph.slice(subjectAt);
    const pronounSubject = new RegExp(`^${PRONOUN}\\b`, 'iu').exec(subjectText);
    if (pronounSubject)
      return { speaker: resolve(pronounSubject[0], subjectAt), attribution: paragraph.slice(at, subjectAt + pronounSubject[0].length) };
    const sourceSubject = new RegExp(`^${SOURCE_PHRASE}`, 'iu').exec(subjectText);
    if (sourceSubject) return { speaker: null, attribution: paragraph.slice(at, subjectAt + sourceSubject[0].length) };
  }
  return null;
}

/** `X said that "…"`, `X, who …, mentioned on Tuesday that "…"`, `According to X, "…"`, `she said: "…"`. */
function attributionBefore(
  paragraph: string,
  quote: QuoteSpan,
  from: number,
  paragraphIndex: number,
  resolve: SubjectResolver,
  mentions: readonly PersonMention[],
): Attribution | null {
  const before = paragraph.slice(from, quote.open);
  const inSentence = mentions.filter(
    (mention) => mention.paragraph === paragraphIndex && mention.start >= from && mention.end <= quote.open,
  );

  const according = /\baccording to\s+/iu.exec(before);
  if (according) {
    const subjectAt = from + according.index + according[0].length;
    const mention = inSentence.find((candidate) => candidate.start === subjectAt);
    if (mention) return { speaker: mention.person, attribution: paragraph.slice(from + according.index, mention.end) };
    const source = new RegExp(`^${SOURCE_PHRASE}`, 'iu').exec(paragraph.slice(subjectAt));
    if (source) return { speaker: null, attribution: `${according[0]}${source[0]}`.trim() };
  }

  const verbs = [...before.matchAll(new RegExp(`(?<![\\p{L}-])(${VERB})(?![\\p{L}-])`, 'giu'))].filter(
    (verb) => !NOUN_BEFORE_VERB.test(before.slice(0, verb.index ?? 0)),
  );
  for (const verb of verbs.reverse()) {
    const verbAt = from + (verb.index ?? 0);
    const verbEnd = verbAt + verb[0].length;
    const subjects = inSentence.filter((mention) => mention.end <= verbAt);
    const pronouns = [...paragraph.slice(from, verbAt).matchAll(new RegExp(`\\b(${PRONOUN})\\b`, 'giu'))].filter((match) =>
      /^(?:he|she)$/iu.test(match[1]),
    );
    const lastMention = subjects[subjects.length - 1];
    const lastPronoun = pronouns[pronouns.length - 1];
    const pronounAt = lastPronoun ? from + (lastPronoun.index ?? 0) : -1;
    if (lastMention && lastMention.start > pronounAt) {
      return { speaker: lastMention.person, attribution: `${paragraph.slice(lastMention.start, lastMention.end)} ${verb[0]}` };
    }
    if (lastPronoun) {
      return { speaker: resolve(lastPronoun[1], pronounAt), attribution: paragraph.slice(pronounAt, verbEnd) };
    }
    const source = new RegExp(SOURCE_PHRASE, 'iu').exec(paragraph.slice(from, verbAt));
    if (source) {
      // The copy's own words from the source to the verb, unless a long clause sits between them.
      const whole = paragraph
        .slice(from + (source.index ?? 0), verbEnd)
        .replace(/\s+/g, ' ')
        .trim();
      return {
        speaker: resolve(source[0], from + (source.index ?? 0)),
        attribution: whole.length <= MAX_ATTRIBUTION_LENGTH ? whole : `${source[0]} ${verb[0]}`,
      };
    }
    const subject = paragraph.slice(from, verbAt).trim();
    if (/^\p{Lu}/u.test(subject) && !/[,;:]/u.test(subject) && words(subject) <= MAX_UNNAMED_SUBJECT_WORDS) {
      return { speaker: null, attribution: `${subject} ${verb[0]}` };
    }
  }
  return null;
}
