import type { PersonDraft, QuoteDraft } from './article-draft';
import type { Attribution, AttributedQuote, QuoteDocument, QuoteSite, QuoteSpan } from './attribution.rules';
import { ATTRIBUTION_RULES, DESCRIBED_SPEAKER, NOT_SPEECH_RULES, PRONOUN_OPENING, TRANSCRIPT_MARKS } from './attribution.rules';
import { firstMatch } from './extraction-rule';
import { countWork } from './extraction-work';
import { ABBREVIATIONS, GENDERED_NOUNS, ROLE_NOUNS, ROLE_SYNONYMS } from './lexicon';
import type { Gender, OrganisationMention, PersonMention } from './people.extractor';
import type { QuoteMarkRule } from './quote-mark.rules';
import { QUOTE_MARK_RULES, SINGLE_MARK_RULE, SINGLE_MARK_RULES, STRAIGHT_SINGLE_MARK_RULE } from './quote-mark.rules';
import type { TranscriptTurn } from './transcript';

const PLURAL_POSSESSIVE = /^s[’'] \p{Ll}/u;
const OWNER_OF_APPOSITIVE = /^[^,]*['’]s?\s+(?:[\p{Ll}-]+\s+){0,3}[\p{Ll}-]+,\s+\p{Lu}/u;
/** A preposition right before a name makes it an object, not the subject "he" or "she" stands for. */
const OBJECT_BEFORE = /\b(?:to|by|with|for|of|from|at|about|against|on|than)\s+$/u;

/**
 * Whether a mention can be what "he" or "she" stands for: objects ("taught to Kateryna", "asked by
 * Oßwald") and owners ("Kateryna’s recordings") are not, unless they open the sentence ("Bilous’s new album … sets").
 */
function mayBeSubject(text: string, mention: PersonMention, sentenceStart: number): boolean {
  // "Carvalho's agent, Fabrício Nogueira-Santos, told …": the owner opens the sentence, the name in commas is its subject.
  if (mention.runStart === sentenceStart) return !OWNER_OF_APPOSITIVE.test(text.slice(mention.start, mention.end + 60));
  const object = OBJECT_BEFORE.test(text.slice(Math.max(0, mention.runStart - 12), mention.runStart));
  const owner = /['’]s?$/u.test(text.slice(mention.start, mention.end));
  return !object && !owner;
}
/** "A neighbor who asked not to be named …", "One woman …": a sentence about someone unnamed. */
const UNNAMED_SOURCE_OPENING =
  /^\s*(?:a|an|one)\s+(?:[\p{Ll}-]+\s+){0,2}(neighbou?r|woman|man|resident|witness|source|official|officer|worker|mother|father|parent|student|passenger|driver|shopper|customer|bystander|villager|farmer|commuter|protester|relative|friend|firefighter|nurse|doctor|teacher|employee|trader|vendor|owner|spokesman|spokeswoman|spokesperson|diplomat|analyst|lawyer)\b/iu;
/** How many sentences opened by "she" in a row may hand the pronoun back. */
const MAX_PRONOUN_CHAIN = 2;
/** How far back "he" or "she" may look for the person it stands for. */
const PRONOUN_REACH_PARAGRAPHS = 3;
/** How far ahead "the judge" may look for the judge's name. */
const DESCRIPTION_REACH_PARAGRAPHS = 3;

/** What a sentence says about its subject, for the pronoun search. */
interface SentenceReading {
  /** "the CFO said": a role speaking, at its offset in the sentence. */
  described: { phrase: string; at: number } | null;
  /** "She …", "But he …": the pronoun opening the sentence. */
  opener: { pronoun: string; at: number } | null;
  /** "A neighbour who …": the noun of an unnamed source opening the sentence. */
  unnamed: string | undefined;
}

/** The first index of a sorted list where `reached` holds (it holds from there on); the list's length if nowhere. */
function firstIndexWhere<T>(list: readonly T[], reached: (item: T) => boolean): number {
  let [low, high] = [0, list.length];
  while (low < high) {
    const middle = (low + high) >> 1;
    if (reached(list[middle])) high = middle;
    else low = middle + 1;
  }
  return low;
}

/** Whether mention `a` comes after mention `b` in the copy. */
const isAfterMention = (a: PersonMention, b: PersonMention) =>
  a.paragraph > b.paragraph || (a.paragraph === b.paragraph && a.start > b.start);

/**
 * Quoted spans of a paragraph. `marks` are the pairs in use: the double-mark pairs, or single marks
 * when the article has no double marks. A quote left open runs to the end of its paragraph.
 */
export function findQuoteSpans(paragraph: string, paragraphIndex: number, marks: readonly QuoteMarkRule[] = QUOTE_MARK_RULES): QuoteSpan[] {
  const spans: QuoteSpan[] = [];
  let open: { at: number; rule: QuoteMarkRule } | null = null;
  for (let index = 0; index < paragraph.length; index += 1) {
    const char = paragraph[index];
    if (!open) {
      const rule = marks.find((candidate) => candidate.opens === char);
      // A single opening mark must start a word; a closing one must not be an apostrophe ("don’t").
      if (rule && (!SINGLE_MARK_RULES.includes(rule) || index === 0 || /[\s(—–-]/u.test(paragraph[index - 1]))) open = { at: index, rule };
      continue;
    }
    const closer = open.rule.closes.find((mark) => paragraph.startsWith(mark, index));
    const single = SINGLE_MARK_RULES.includes(open.rule);
    if (!closer || (single && /\p{L}/u.test(paragraph[index + 1] ?? ''))) continue;
    // "beginners’ ride", "players' lounge": after an s and before a lower-case word, a plural possessive, when a later mark can close.
    if (
      single &&
      PLURAL_POSSESSIVE.test(paragraph.slice(index - 1, index + 3)) &&
      new RegExp(`${closer}(?!\\p{L})`, 'u').test(paragraph.slice(index + 1))
    )
      continue;
    spans.push(span(paragraph, paragraphIndex, open.at, open.rule.name, index, index + closer.length, true));
    open = null;
    index += closer.length - 1;
  }
  if (open) spans.push(span(paragraph, paragraphIndex, open.at, open.rule.name, paragraph.length, paragraph.length, false));
  return spans.filter((quote) => quote.text.length > 0);
}

function span(
  paragraph: string,
  paragraphIndex: number,
  open: number,
  marks: string,
  close: number,
  closeEnd: number,
  closed: boolean,
): QuoteSpan {
  return { paragraph: paragraphIndex, open, close, closeEnd, closed, text: trimQuoteText(paragraph.slice(open + 1, close)), marks };
}

/** Trailing commas, full stops, colons and semicolons inside the marks are the sentence's, not the speaker's. */
export function trimQuoteText(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[\s,.;:]+$/u, '')
    .trim();
}

const SENTENCE_END = /[.!?]["”’»)]?\s+(?=["“«„‘\p{Lu}\d])/gu;

/** Start offsets of the sentences of a paragraph, ignoring full stops inside quotes and after abbreviations. */
function sentenceStarts(paragraph: string, spans: readonly QuoteSpan[]): number[] {
  const starts = [0];
  let span = 0; // spans are in order, and so are the matches: walk both once
  for (const match of paragraph.matchAll(SENTENCE_END)) {
    const at = match.index ?? 0;
    while (span < spans.length && spans[span].close <= at) span += 1;
    if (span < spans.length && at > spans[span].open && at < spans[span].close) continue;
    // The word before the full stop (a word of more than 100 letters is no abbreviation, nor a run of initials).
    const word = /([\p{L}.]+)$/u.exec(paragraph.slice(Math.max(0, at - 100), at))?.[1]?.toLowerCase() ?? '';
    // "Dr.", and initials: "P. Venkateshwarlu", "A.V. Ranganayakulu".
    if (ABBREVIATIONS.has(word) || /^(?:\p{L}\.)*\p{L}$/u.test(word)) continue;
    starts.push(at + match[0].length);
  }
  return starts;
}

/**
 * Finds every quote in the body with its speaker, by the first of ATTRIBUTION_RULES that matches.
 * Quotes whose source the copy does not name, or names as an organisation, keep `speaker: null` and
 * the copy's wording ("a US official … informed", "Harlow Equities said").
 */
export function extractQuotes(
  paragraphs: readonly string[],
  mentions: readonly PersonMention[],
  people: readonly PersonDraft[] = [],
  organisations: readonly OrganisationMention[] = [],
  genders: ReadonlyMap<string, Gender> = new Map(),
  turns: readonly TranscriptTurn[] = [],
): QuoteDraft[] {
  // Single marks are the main quotation marks when they open more quotes than double marks do.
  const count = (pattern: RegExp) => paragraphs.reduce((total, paragraph) => total + (paragraph.match(pattern)?.length ?? 0), 0);
  const curlySingles = count(/(?:^|[\s(—–-])‘/gu);
  const straightSingles = count(/(?:^|[\s(—–-])'(?=[\p{L}\d])/gu);
  const doubleOpeners = count(/[“„«]|(?:^|\s)"/gu);
  const single = straightSingles > curlySingles ? STRAIGHT_SINGLE_MARK_RULE : SINGLE_MARK_RULE;
  const marks = Math.max(curlySingles, straightSingles) > doubleOpeners ? [single] : QUOTE_MARK_RULES;
  // A transcript turn is one quote, marks inside it included.
  const turnAt = new Map(turns.map((turn) => [turn.paragraph, turn]));
  const spansByParagraph = paragraphs.map((paragraph, index) => {
    const turn = turnAt.get(index);
    if (!turn) return findQuoteSpans(paragraph, index, marks);
    const whole = span(paragraph, index, turn.textStart - 1, TRANSCRIPT_MARKS, paragraph.length, paragraph.length, true);
    return whole.text.length > 0 ? [whole] : [];
  });
  const startsByParagraph = paragraphs.map((paragraph, index) => sentenceStarts(paragraph, spansByParagraph[index]));
  const insideQuote = (mention: PersonMention) =>
    spansByParagraph[mention.paragraph].some((quote) => mention.start > quote.open && mention.start < quote.close);
  const narrative = mentions.filter((mention) => !insideQuote(mention));
  // Looked up per paragraph, so that a long article costs each lookup its paragraph, not the whole text.
  const narrativeIn = paragraphs.map(() => [] as PersonMention[]);
  for (const mention of narrative) narrativeIn[mention.paragraph].push(mention);
  const roles = new Map(people.map((person) => [person.name, new Set((person.description ?? '').toLowerCase().split(/[^\p{L}-]+/u))]));
  // The narrative mentions of people a role word describes, in text order: "the judge" looks up "judge".
  const mentionsByRole = new Map<string, PersonMention[]>();
  for (const mention of narrative) {
    for (const word of roles.get(mention.person) ?? []) {
      const list = mentionsByRole.get(word);
      if (list) list.push(mention);
      else mentionsByRole.set(word, [mention]);
    }
  }
  const organisationsIn = paragraphs.map(() => [] as OrganisationMention[]);
  for (const organisation of organisations) organisationsIn[organisation.paragraph]?.push(organisation);

  const isBefore = (mention: PersonMention, paragraph: number, offset: number) =>
    mention.paragraph < paragraph || (mention.paragraph === paragraph && mention.end <= offset);
  const doc: QuoteDocument = {
    paragraphs,
    mentionAt: (paragraph, offset) => narrativeIn[paragraph].find((mention) => mention.start === offset || mention.runStart === offset),
    mentionsBetween: (paragraph, from, to) => narrativeIn[paragraph].filter((mention) => mention.runStart >= from && mention.end <= to),
    organisationAt: (paragraph, offset) => organisationsIn[paragraph].find((organisation) => organisation.start === offset),
    organisationsBetween: (paragraph, from, to) =>
      organisationsIn[paragraph]
        .filter((organisation) => organisation.start >= from && organisation.end <= to)
        .sort((a, b) => a.start - b.start),
    sentenceStarts: (paragraph) => [...startsByParagraph[paragraph]],
    pronounFits: (pronoun, person) => {
      const word = pronoun.toLowerCase();
      const wanted: Gender | null = word === 'he' ? 'male' : word === 'she' ? 'female' : null;
      return !wanted || (genders.get(person) ?? wanted) === wanted;
    },
    resolvePronoun: (pronoun, paragraph, offset) => resolve(pronoun, paragraph, offset, 0),
    attributionOfNextParagraph: (paragraph) => openingAttribution[paragraph + 1] ?? null,
    describedPerson: (phrase, paragraph, offset) => {
      const words = phrase.trim().toLowerCase().split(/\s+/);
      const head = words[words.length - 1];
      // "the judge", "his father" ("a judge" or "an officer" may be anyone).
      if (!['the', 'his', 'her', 'their'].includes(words[0]) || words.length > 4 || !ROLE_NOUNS.has(head)) return null;
      // The nearest mention before the phrase of someone given the role; failing that, the first one after it, not far.
      let earlier: PersonMention | undefined;
      let later: PersonMention | undefined;
      for (const name of new Set([head, ...(ROLE_SYNONYMS.get(head) ?? [])])) {
        const list = mentionsByRole.get(name) ?? [];
        const after = firstIndexWhere(list, (mention) => !isBefore(mention, paragraph, offset));
        const before = list[after - 1];
        if (before && (!earlier || isAfterMention(before, earlier))) earlier = before;
        const next = list[after];
        if (next && next.paragraph <= paragraph + DESCRIPTION_REACH_PARAGRAPHS && (!later || isAfterMention(later, next))) later = next;
      }
      return (earlier ?? later)?.person ?? null;
    },
  };

  // What the pronoun search reads in a sentence, read once per whole sentence: thousands of quotes may look back over the same ones.
  const sentenceReadings = paragraphs.map(() => new Map<number, SentenceReading>());
  const readSentence = (paragraph: number, sentence: number, end: number): SentenceReading => {
    const starts = startsByParagraph[paragraph];
    const whole = end === (starts[sentence + 1] ?? paragraphs[paragraph].length);
    const cached = whole ? sentenceReadings[paragraph].get(sentence) : undefined;
    if (cached) return cached;
    const text = paragraphs[paragraph].slice(starts[sentence], end);
    countWork(0, text.length);
    const described = DESCRIBED_SPEAKER.exec(text);
    const opener = PRONOUN_OPENING.exec(text);
    const reading: SentenceReading = {
      described: described ? { phrase: described[1], at: described.index } : null,
      opener: opener ? { pronoun: opener[1], at: opener.index } : null,
      unnamed: UNNAMED_SOURCE_OPENING.exec(text)?.[1].toLowerCase(),
    };
    if (whole) sentenceReadings[paragraph].set(sentence, reading);
    return reading;
  };
  // For each whole sentence of a paragraph, the nearest sentence at or before it that can answer the
  // pronoun search (a role speaking, a pronoun or an unnamed source opening it, a name in it): the
  // search steps over the others at once, so a pasted "paragraph" of a thousand sentences without a
  // name costs each quote nothing. Built once per paragraph, when first searched.
  const answeringSentences: (Int32Array | undefined)[] = paragraphs.map(() => undefined);
  const answeringAtOrBefore = (paragraph: number): Int32Array => {
    const cached = answeringSentences[paragraph];
    if (cached) return cached;
    const starts = startsByParagraph[paragraph];
    const answering = new Uint8Array(starts.length);
    starts.forEach((_, sentence) => {
      const { described, opener, unnamed } = readSentence(paragraph, sentence, starts[sentence + 1] ?? paragraphs[paragraph].length);
      if (described || opener || unnamed) answering[sentence] = 1;
    });
    for (const mention of narrativeIn[paragraph]) {
      const sentence = firstIndexWhere(starts, (start) => start > mention.runStart) - 1;
      if (sentence >= 0 && mention.end <= (starts[sentence + 1] ?? paragraphs[paragraph].length)) answering[sentence] = 1;
    }
    const nearest = new Int32Array(starts.length);
    starts.forEach((_, sentence) => {
      nearest[sentence] = answering[sentence] ? sentence : sentence > 0 ? nearest[sentence - 1] : -1;
    });
    answeringSentences[paragraph] = nearest;
    return nearest;
  };

  /** What "he", "she" or "they" stands for at a point of the copy; `depth` bounds "She …" chains. */
  function resolve(pronoun: string, paragraph: number, offset: number, depth: number): string | null {
    const word = pronoun.toLowerCase();
    if (!['he', 'she', 'they'].includes(word)) return null;
    const wanted: Gender | null = word === 'he' ? 'male' : word === 'she' ? 'female' : null;
    const known = (person: string) => !wanted || genders.get(person) === wanted;
    const fits = (person: string) => !wanted || (genders.get(person) ?? wanted) === wanted;
    // Sentence by sentence backwards; in each, the subject: the first person named (not after "by"),
    // a role the copy gives someone ("the CFO said"), or an unnamed source opening the sentence
    // ("A neighbor who asked not to be named said …": then nobody named), not the nearest name.
    const search = (accept: (person: string) => boolean, reach: number, owners = false): { person: string | null } | null => {
      for (let index = paragraph; index >= Math.max(0, paragraph - reach); index -= 1) {
        const text = paragraphs[index];
        const limit = index === paragraph ? offset : text.length;
        const starts = startsByParagraph[index];
        const count = firstIndexWhere(starts, (start) => start >= limit);
        const nearestAnswering = answeringAtOrBefore(index);
        for (let sentence = count - 1; sentence >= 0; sentence -= 1) {
          const end = sentence + 1 < count ? starts[sentence + 1] : limit;
          // A whole sentence that cannot answer is stepped over, with every such sentence before it.
          if (end === (starts[sentence + 1] ?? text.length) && nearestAnswering[sentence] !== sentence) {
            sentence = nearestAnswering[sentence] + 1;
            continue;
          }
          const { described, opener, unnamed } = readSentence(index, sentence, end);
          const role = described ? doc.describedPerson(described.phrase, index, starts[sentence] + described.at) : null;
          if (role && accept(role)) return { person: role };
          // "She credited her coach, Marco Vitale, …": a sentence opened by the same pronoun is about
          // whoever that pronoun stands for, not the names inside it.
          if (opener && opener.pronoun.toLowerCase() === word && depth < MAX_PRONOUN_CHAIN) {
            return { person: resolve(word, index, starts[sentence] + opener.at, depth + 1) };
          }
          // "One man who lives two houses down … told KTLR he had seen Threlkeld": the unnamed man is the subject
          // (of "he", not of "she").
          const unnamedGender =
            unnamed === 'man' ? 'male' : unnamed === 'woman' ? 'female' : unnamed ? GENDERED_NOUNS.get(unnamed) : undefined;
          // "A professor of civil engineering at …, Prof. Olusegun Akintola-Bright, told": named in apposition after all.
          const named = narrativeIn[index].find(
            (mention) =>
              mention.runStart >= starts[sentence] && mention.end <= end && /,\s*$/u.test(text.slice(starts[sentence], mention.runStart)),
          );
          if (unnamed && !named && (!wanted || !unnamedGender || unnamedGender === wanted)) return { person: null };
          const found = narrativeIn[index].find(
            (mention) =>
              mention.runStart >= starts[sentence] &&
              mention.end <= end &&
              (owners || mayBeSubject(text, mention, starts[sentence])) &&
              accept(mention.person),
          );
          if (found) return { person: found.person };
        }
      }
      return null;
    };
    // Within the pronoun's own paragraph anyone who fits; before it, the one the copy gave that gender.
    const found =
      search(known, 0) ??
      search(fits, 0) ??
      search(known, 1) ??
      search(fits, PRONOUN_REACH_PARAGRAPHS) ??
      search(fits, PRONOUN_REACH_PARAGRAPHS, true);
    return found?.person ?? null;
  }

  function siteOf(
    paragraphIndex: number,
    spanIndex: number,
    previousInParagraph: AttributedQuote | null,
    previous: AttributedQuote | null,
  ) {
    const paragraph = paragraphs[paragraphIndex];
    const spans = spansByParagraph[paragraphIndex];
    const quote = spans[spanIndex];
    const sentenceStart = Math.max(0, ...startsByParagraph[paragraphIndex].filter((start) => start <= quote.open));
    const earlier = spanIndex > 0 ? spans[spanIndex - 1] : null;
    const from = Math.max(sentenceStart, earlier ? earlier.closeEnd : 0);
    const lead = /^[\s,]*/u.exec(paragraph.slice(quote.closeEnd))![0];
    const inner = paragraph.slice(quote.open + 1, quote.close).trim();
    const site: QuoteSite = {
      paragraph,
      paragraphIndex,
      quote,
      after: quote.closed ? paragraph.slice(quote.closeEnd + lead.length) : '',
      afterAt: quote.closeEnd + lead.length,
      endsSentence: /[.]$/u.test(inner) && !lead.includes(','),
      before: paragraph.slice(from, quote.open),
      beforeAt: from,
      previousInParagraph,
      previous,
      doc,
    };
    return site;
  }

  // How the quote opening each paragraph is attributed on its own, from the last paragraph up, so that a
  // chain of quotes left open ("…\n\n“…\n\n“…,” she said.") costs one pass and no recursion.
  const openingAttribution: (Attribution | null)[] = paragraphs.map(() => null);
  for (let index = paragraphs.length - 1; index >= 0; index -= 1) {
    const first = spansByParagraph[index][0];
    if (first && first.open <= 1 && first.marks !== TRANSCRIPT_MARKS) {
      openingAttribution[index] = firstMatch(ATTRIBUTION_RULES, siteOf(index, 0, null, null), paragraphs[index].length)?.result ?? null;
    }
  }

  const quotes: QuoteDraft[] = [];
  let previous: AttributedQuote | null = null;
  spansByParagraph.forEach((spans, paragraphIndex) => {
    const paragraph = paragraphs[paragraphIndex];
    let previousInParagraph: AttributedQuote | null = null;
    spans.forEach((quote, spanIndex) => {
      const site = siteOf(paragraphIndex, spanIndex, previousInParagraph, previous);
      // Titles and scare quotes are nobody's words; a transcript turn is always speech.
      if (quote.marks !== TRANSCRIPT_MARKS && firstMatch(NOT_SPEECH_RULES, site, paragraph.length)) return;
      const found = firstMatch(ATTRIBUTION_RULES, site, paragraph.length);
      if (!found) return; // scare quotes, titles, nicknames
      const { speaker, attribution } = found.result;
      quotes.push({ text: quote.text, speaker, attribution, paragraphIndex, rule: found.rule.name });
      previous = { speaker, attribution, paragraph: paragraphIndex, closed: quote.closed };
      previousInParagraph = previous;
    });
  });
  return quotes;
}
