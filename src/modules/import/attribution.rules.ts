import type { ExtractionRule } from './extraction-rule';
import { ABBREVIATIONS, BARE_PLURAL_SOURCES, INVERTED_SPEECH_VERBS, PRONOUNS, SOURCE_NOUNS, SPEECH_VERBS } from './lexicon';
import type { OrganisationMention, PersonMention } from './people.extractor';
import { isRoleOrTitle } from './role-phrase';

/** A quoted span of one paragraph. */
export interface QuoteSpan {
  paragraph: number;
  /** Index of the opening mark. */
  open: number;
  /** Index of the closing mark, or the paragraph's length when the quote runs on to the next paragraph. */
  close: number;
  /** Index just after the closing mark(s). */
  closeEnd: number;
  closed: boolean;
  text: string;
  /** The QUOTE_MARK_RULES entry that found it, or TRANSCRIPT_MARKS for a transcript turn (no marks). */
  marks: string;
}

/** The `marks` of a transcript turn: the paragraph after its label ("Q.", "NAME:") is the quote. */
export const TRANSCRIPT_MARKS = 'transcript';

export interface Attribution {
  speaker: string | null;
  /** The copy's words for the source ("Kadyrov stated", "a US official … informed", "Harlow Equities said"). */
  attribution: string;
}

export interface AttributedQuote extends Attribution {
  paragraph: number;
  closed: boolean;
}

/** What the attribution rules may ask about the article. */
export interface QuoteDocument {
  paragraphs: readonly string[];
  /** The person mention starting at an offset (its name or its titles). */
  mentionAt(paragraph: number, offset: number): PersonMention | undefined;
  /** Person mentions outside quotes between two offsets of a paragraph. */
  mentionsBetween(paragraph: number, from: number, to: number): PersonMention[];
  organisationAt(paragraph: number, offset: number): OrganisationMention | undefined;
  /** Organisation mentions between two offsets of a paragraph, in text order. */
  organisationsBetween(paragraph: number, from: number, to: number): OrganisationMention[];
  /** What "he", "she" or "the Belgian" refers to at a point of the copy. */
  resolvePronoun(pronoun: string, paragraph: number, offset: number): string | null;
  /** Whether "he" or "she" may stand for a person (the copy gives no other gender for them). */
  pronounFits(pronoun: string, person: string): boolean;
  /** "the judge": the person the copy gives that role, named before or soon after. */
  describedPerson(phrase: string, paragraph: number, offset: number): string | null;
  /** How the quote opening the next paragraph is attributed, judged on its own (nothing carried over). */
  attributionOfNextParagraph(paragraph: number): Attribution | null;
  /** Offsets where the sentences of a paragraph start (full stops in quotes and abbreviations skipped). */
  sentenceStarts(paragraph: number): number[];
}

/** One quote in its place in the copy. */
export interface QuoteSite {
  paragraph: string;
  paragraphIndex: number;
  quote: QuoteSpan;
  /** Text after the closing mark from its first word (commas and spaces skipped); '' for a quote left open. */
  after: string;
  afterAt: number;
  /** The quote ends its sentence with a full stop inside the marks: only a lower-case attribution follows it. */
  endsSentence: boolean;
  /** From the start of the quote's sentence (or the end of the quote before it) to the opening mark. */
  before: string;
  beforeAt: number;
  previousInParagraph: AttributedQuote | null;
  /** The last attributed quote of the article so far. */
  previous: AttributedQuote | null;
  doc: QuoteDocument;
}

type AttributionRule = ExtractionRule<QuoteSite, Attribution>;

const alternatives = (words: Iterable<string>) => [...words].map((word) => word.replace(/[.]/g, '\\.')).join('|');
const VERB = `(?:${alternatives(SPEECH_VERBS)})`;
const ADVERB = '(?:\\p{Ll}+ly\\s+)?';
const PRONOUN = `(?:${alternatives(PRONOUNS)})`;
/** "a US official", "the local government minister", "one woman", "a person familiar with the matter". */
const SOURCE_PHRASE = `(?:(?:a|an|the|one|two|three|several|many|some|its|his|her|their|another|other)\\s+(?:[\\p{L}\\d'’-]+\\s+){0,4}?(?:${alternatives(
  SOURCE_NOUNS,
)})|(?:${alternatives(BARE_PLURAL_SOURCES)}))(?:\\s+(?:for|of|at|with|from|in|familiar with)\\s+(?:the\\s+)?(?:[\\p{L}'’&-]+\\s+){0,3}?[\\p{L}'’-]+)?`;
const MAX_ATTRIBUTION_LENGTH = 80;
/** "some states", "his remarks": a speech verb's form used as a noun. */
const NOUN_BEFORE_VERB = /(?:\b(?:the|a|an|some|many|all|these|those|his|her|their|its|our|other|several|both|\d+)|\p{L}['’]s?)\s+$/iu;

const PRONOUN_AFTER = new RegExp(`^(${PRONOUN})\\s+${ADVERB}(${VERB})\\b`, 'u');
const EPITHET_AFTER = new RegExp(
  `^(the\\s+(?:\\d+-year-old|\\p{Lu}\\p{Ll}+(?:ian|ean|ese|ish|ic|an|i|ard)))\\s+${ADVERB}(${VERB})\\b`,
  'u',
);
const DESCRIPTION_AFTER = new RegExp(`^(the\\s+(?:[\\p{Ll}-]+\\s+){0,3}?[\\p{Ll}-]+)\\s+${ADVERB}(${VERB})\\b`, 'u');
/** "the CFO said" anywhere in a sentence: a role standing for the person given it. */
export const DESCRIBED_SPEAKER = new RegExp(`\\b(the\\s+(?:[\\p{Ll}-]+\\s+){0,2}?[\\p{L}-]+)\\s+${ADVERB}(?:${VERB})\\b`, 'iu');
const SOURCE_AFTER = new RegExp(`^(${SOURCE_PHRASE})\\s+${ADVERB}(${VERB})\\b`, 'iu');
/** "“…,” Laura Becker's lawyer said": someone speaking for the one named (case-sensitive: "it's supporters" is no name). */
const POSSESSIVE_SOURCE_AFTER = new RegExp(
  `^((?:\\p{Lu}[\\p{L}-]*\\s+){0,2}\\p{Lu}[\\p{L}-]*['’]s?\\s+(?:${alternatives(SOURCE_NOUNS)}))\\s+${ADVERB}(${VERB})\\b`,
  'u',
);
const INVERTED_AFTER = new RegExp(`^(?:${alternatives(INVERTED_SPEECH_VERBS)})\\s+`, 'u');
const PRONOUN_START = new RegExp(`^${PRONOUN}\\b`, 'iu');
const SOURCE_START = new RegExp(`^${SOURCE_PHRASE}`, 'iu');
const SOURCE_ANYWHERE = new RegExp(SOURCE_PHRASE, 'iu');
const VERB_ANYWHERE = new RegExp(`(?<![\\p{L}-])(${VERB})(?![\\p{L}-])`, 'giu');
const HE_OR_SHE = new RegExp(`\\b(he|she)\\b`, 'giu');
const CAPITALISED_SUBJECT_AFTER = new RegExp(
  `^((?:the\\s+)?\\p{Lu}[\\p{L}'’&.-]*(?:\\s+\\p{Lu}[\\p{L}'’&.-]*){0,4})\\s+${ADVERB}(${VERB})\\b`,
  'u',
);
const SIGN_BEFORE =
  /\b(?:signs?|placards?|banners?|posters?|slogans?|chants?|chanting|chanted|graffiti|t-shirts?|stickers?|leaflets?|headlines?|hashtags?)\b[^.!?"“”«»]{0,40}$/iu;
/** Up to ten words before a name, no punctuation: titles and their modifiers ("U.N. Special Envoy for the Horn of Africa"). */
const TITLE_WINDOW = /^(?:[\p{L}.'’-]+\s+){1,10}/u;
const NOT_A_TITLE_WORD = /^(?:by|at|after|with|from|who|which|that|to|in|on|led|said|says|when|while|as)$/u;
const COLON_INTRO = new RegExp(`(?:^|[.!?]["”’]?\\s+)([^.!?]{1,160}?\\b(${VERB})\\b[^.!?:]{0,80}):\\s*$`, 'iu');

/** "…, the party said", "… the accused had told": a described subject ending right before the verb. */
const DESCRIBED_SUBJECT_BEFORE_VERB =
  /(?:,|\b(?:said|says|told|added))\s*(?:(?:but|and)\s+)?((?:the|its|their)\s+(?:[\p{Ll}-]+\s+){0,2}?[\p{Ll}-]+(?:\s+(?:had|has|have|was|were|is|would|could))?)\s+(?:\p{Ll}+ly\s+)?$/u;
/** A sentence about "he" or "she": "She credited her coach …", "But he said …". */
export const PRONOUN_OPENING = /^\s*(?:(?:But|And|So|Yet|Still)\s+)?(He|She|he|she)\b/u;
const RELATIVE_SUBJECT = /^\s*,\s*who\s+(?:\p{Ll}+ly\s+)?$/u;
const SPEAKING_FOR =
  /\b(?:a|an|the)\s+(?:[\p{Ll}-]+\s+){0,2}?(?:spokesperson|spokesman|spokeswoman|representative|rep|publicist|agent|source|friend|insider)\s+(?:for|of|close to|to)\s+(?:the\s+(?:[\p{L}-]+\s+){0,4}?[\p{L}-]+,\s+)?$/iu;
/** ", but said", "and later told": a verb joined to the sentence's first with no subject between. */
const SHARED_SUBJECT_VERB = /,?\s+(?:but|and)\s+(?:(?:also|later|then|\p{Ll}+ly)\s+)?$/u;
const LED_BY = /\b(?:analysts|economists|strategists|researchers|lawyers|scientists|officials|a team|team)\s+(?:led|headed)\s+by\s+$/u;
const RATING_WORDS =
  /^(?:strong\s+)?(?:buy|sell|hold|neutral|underweight|overweight|equal[- ]weight|market[- ]weight|outperform|underperform|market perform|sector perform|accumulate|reduce)$/iu;
const PASSIVE_AGENT =
  /^\s+by\s+((?:(?:the|a|an|their|his|her|its|some|several)\s+)?(?:(?!that\b)[\p{Ll}-]+\s+){0,3}?(?!that\b)[\p{Ll}-]+)(?:\s+that\b[^"“”«»]{0,80})?\s*$/u;
/** What may come right before a sentence's subject: its start, a comma, a conjunction. */
const SUBJECT_POSITION = /(?:^|[,;:(—–]|\b(?:that|and|but|when|as|while|because|after|before|if|so|then|where|whom|meanwhile|also))\s*$/iu;
/** "comments by", "remarks from", "the words of": the person named next said it. */
const SPEECH_NOUN_BY = /\b(?:comments?|remarks?|words|statements?|claims?|warnings?|testimony)\s+(?:made\s+)?(?:by|from|of)\s+$/iu;
/** ", which employed Mrs Ramsgill from 1978," */
const RELATIVE_CLAUSE =
  /,\s+(?:whose\s+[^,;:"“”«»]{1,40},[^,;:"“”«»]{1,80},[^,;:"“”«»]{1,200},|(?:which|who|whose|where)\b[^,;:"“”«»]{1,200},)/gu;
/** " supporters ", " lawyer ": what a possessive name owns, up to the verb. */
const OWNED_NOUN_BEFORE_VERB = /^\s+((?:[\p{Ll}-]+\s+){0,2}?[\p{Ll}-]+)\s+(?:\p{Ll}+ly\s+)?$/u;

/** The subject of the last speech verb before the quote in its sentence: "X said that “…”", "She said: “…”". */
interface VerbSubject {
  kind: 'person' | 'pronoun' | 'source' | 'organisation';
  result: Attribution;
}

const subjects = new WeakMap<QuoteSite, VerbSubject | null>();
function verbSubjectBefore(site: QuoteSite): VerbSubject | null {
  if (subjects.has(site)) return subjects.get(site)!;
  const found = findVerbSubject(site);
  subjects.set(site, found);
  return found;
}

function findVerbSubject(site: QuoteSite): VerbSubject | null {
  const { before, beforeAt: from, paragraph, paragraphIndex, doc } = site;
  // "Kirklees Council, which employed Mrs Ramsgill until 2009, said": a name inside a relative clause is not the subject.
  const clauses = [...before.matchAll(RELATIVE_CLAUSE)].map((clause) => [
    from + (clause.index ?? 0),
    from + (clause.index ?? 0) + clause[0].length,
  ]);
  // Mentions from the sentence's start, past an earlier quote in it ("Whitfield, who rates it “hold”, later wrote …").
  const sentenceStart = Math.max(0, ...doc.sentenceStarts(paragraphIndex).filter((start) => start <= from));
  const inSentence = doc
    .mentionsBetween(paragraphIndex, sentenceStart, site.quote.open)
    .filter((mention) => !clauses.some(([start, end]) => mention.start > start && mention.end < end));
  // "pointed to comments by Opposition Leader Bronwyn Achterberg that the project should be “…”".
  const wordsOf = inSentence
    .filter((mention) => SPEECH_NOUN_BY.test(paragraph.slice(Math.max(from, mention.runStart - 40), mention.runStart)))
    .pop();
  if (wordsOf) {
    const at = Math.max(from, wordsOf.runStart - 40);
    const phrase = SPEECH_NOUN_BY.exec(paragraph.slice(at, wordsOf.runStart))![0].trim();
    return { kind: 'person', result: { speaker: wordsOf.person, attribution: `${phrase} ${paragraph.slice(wordsOf.start, wordsOf.end)}` } };
  }
  const verbs = [...before.matchAll(VERB_ANYWHERE)].filter(
    (verb) =>
      !NOUN_BEFORE_VERB.test(before.slice(0, verb.index ?? 0)) &&
      // "a fundraiser called “Help the Ortegas”" names something.
      !(/^call/iu.test(verb[0]) && /^\s*$/u.test(before.slice((verb.index ?? 0) + verb[0].length))),
  );
  for (const verb of verbs.reverse()) {
    const verbAt = from + (verb.index ?? 0);
    const verbEnd = verbAt + verb[0].length;
    // "staff had been told by supervisors that “…”": the passive's agent said it, someone unnamed.
    const agent = /\b(?:been|was|were|being)\s+$/u.test(paragraph.slice(Math.max(from, verbAt - 8), verbAt))
      ? PASSIVE_AGENT.exec(paragraph.slice(verbEnd, site.quote.open))
      : null;
    if (agent) return { kind: 'source', result: { speaker: null, attribution: `${verb[0]} by ${agent[1]}` } };
    // The subject, not an object: "Nakamura had also owed Reyes-Whitman money and had told a detective …".
    // "Zipcart said it was devastated by Mr Zielonka’s death …, adding:": an owner is no subject unless what he owns speaks.
    const beforeVerb = inSentence.filter(
      (mention) =>
        mention.end <= verbAt &&
        (!/['’]s?$/u.test(paragraph.slice(mention.start, mention.end)) ||
          OWNED_NOUN_BEFORE_VERB.test(paragraph.slice(mention.end, verbAt))),
    );
    const inSubjectPosition = beforeVerb.filter(
      (mention) =>
        mention.runStart === from || SUBJECT_POSITION.test(paragraph.slice(Math.max(from, mention.runStart - 20), mention.runStart)),
    );
    // "…, under Professor Alan Gilchrist, who remembers a student who …": the relative pronoun's antecedent.
    const antecedent = beforeVerb.find((mention) => RELATIVE_SUBJECT.test(paragraph.slice(mention.end, verbAt)));
    // "Chegwidden refused to blame the referee, Paul Angwin, …, but said": a verb with no subject of its own shares the sentence's.
    const shared = SHARED_SUBJECT_VERB.test(paragraph.slice(Math.max(from, verbAt - 30), verbAt))
      ? beforeVerb.find((mention) => mention.runStart === sentenceStart)
      : undefined;
    const lastMention = antecedent ?? shared ?? inSubjectPosition.pop() ?? beforeVerb.pop();
    const lastPronoun = [...paragraph.slice(from, verbAt).matchAll(HE_OR_SHE)].pop();
    const pronounAt = lastPronoun ? from + (lastPronoun.index ?? 0) : -1;
    // "Ms Odongo was not available, but in a statement the party said": the phrase right before the verb is its subject.
    const between = lastMention ? paragraph.slice(lastMention.end, verbAt) : '';
    const nearer = lastMention ? DESCRIBED_SUBJECT_BEFORE_VERB.exec(between) : null;
    // "When board President Gary Lindahl tried to move on, a woman at the back shouted": a new clause's unnamed subject.
    const clause = between.includes(',') ? between.slice(between.lastIndexOf(',') + 1).trim() : '';
    const unnamed = clause ? SOURCE_START.exec(clause) : null;
    if (
      unnamed &&
      /^(?:a|an|one)\b/iu.test(unnamed[0]) &&
      clause.split(/\s+/).length <= 12 &&
      lastMention &&
      lastMention.start > pronounAt
    ) {
      return { kind: 'source', result: { speaker: null, attribution: `${clause} ${verb[0]}`.trim() } };
    }
    if (nearer && lastMention && lastMention.start > pronounAt) {
      const phrase = nearer[1].replace(/\s+(?:had|has|have|was|were|is|would|could|had\s+also)$/u, '');
      return {
        kind: 'source',
        result: { speaker: doc.describedPerson(phrase, paragraphIndex, verbAt), attribution: `${phrase} ${verb[0]}` },
      };
    }
    // "A representative for Kayla said": someone speaking for the person named.
    const forSomeone = lastMention
      ? SPEAKING_FOR.exec(paragraph.slice(Math.max(from, lastMention.runStart - 100), lastMention.runStart))
      : null;
    if (forSomeone && lastMention && lastMention.start > pronounAt) {
      return {
        kind: 'source',
        result: { speaker: null, attribution: `${forSomeone[0].trim()} ${paragraph.slice(lastMention.start, lastMention.end)} ${verb[0]}` },
      };
    }
    if (lastMention && lastMention.start > pronounAt) {
      // "Ms Wekesa's supporters chanted": the possessor is not the one speaking.
      const possessive = /['’]s?$/u.test(paragraph.slice(lastMention.start, lastMention.end));
      const owned = possessive ? OWNED_NOUN_BEFORE_VERB.exec(paragraph.slice(lastMention.end, verbAt)) : null;
      // "Corbett Hume analysts led by Sunita Raghavan wrote": the team writes, not the one leading it.
      const team = LED_BY.exec(paragraph.slice(Math.max(from, lastMention.runStart - 60), lastMention.runStart));
      if (team)
        return { kind: 'source', result: { speaker: null, attribution: `${team[0]}${paragraph.slice(lastMention.runStart, verbEnd)}` } };
      if (owned) {
        const owner = paragraph.slice(lastMention.start, verbEnd);
        return {
          kind: 'source',
          result: { speaker: doc.describedPerson(`the ${owned[1]}`, paragraphIndex, lastMention.start), attribution: owner },
        };
      }
      return {
        kind: 'person',
        result: { speaker: lastMention.person, attribution: `${paragraph.slice(lastMention.start, lastMention.end)} ${verb[0]}` },
      };
    }
    // "A neighbor who asked not to be named because she feared … said": the unnamed source opens the sentence.
    const leadingSource = SOURCE_START.exec(before.trimStart());
    if (leadingSource && !lastMention && /^(?:a|an|one)\b/iu.test(leadingSource[0])) {
      const whole = paragraph
        .slice(from + before.length - before.trimStart().length, verbEnd)
        .replace(/\s+/g, ' ')
        .trim();
      return {
        kind: 'source',
        result: { speaker: null, attribution: whole.length <= MAX_ATTRIBUTION_LENGTH ? whole : `${leadingSource[0]} ${verb[0]}` },
      };
    }
    if (lastPronoun) {
      return {
        kind: 'pronoun',
        result: {
          speaker: doc.resolvePronoun(lastPronoun[1], paragraphIndex, pronounAt),
          attribution: paragraph.slice(pronounAt, verbEnd),
        },
      };
    }
    const source = SOURCE_ANYWHERE.exec(paragraph.slice(from, verbAt));
    if (source) {
      const sourceAt = from + (source.index ?? 0);
      const whole = paragraph.slice(sourceAt, verbEnd).replace(/\s+/g, ' ').trim();
      return {
        kind: 'source',
        result: {
          speaker: doc.describedPerson(source[0], paragraphIndex, sourceAt),
          attribution: whole.length <= MAX_ATTRIBUTION_LENGTH ? whole : `${source[0]} ${verb[0]}`,
        },
      };
    }
    // "The European Commission, which negotiated the deal, has said": an organisation, past its clause.
    const organisation = doc.organisationsBetween(paragraphIndex, from, verbAt).pop();
    if (organisation && organisation.start > pronounAt && (!lastMention || lastMention.start < organisation.start)) {
      return { kind: 'organisation', result: { speaker: null, attribution: `${organisation.name} ${verb[0]}` } };
    }
    // "Harlow Equities said in a note that …", "Police say": a capitalised subject that is no person.
    // "Loadstar, which is based in Bellevue, Washington, said": the subject before its relative clause.
    const whole = paragraph.slice(from, verbAt).trim();
    // "After the interview, Southbourne said": the subject after an opening phrase.
    const tail = /,\s*(\p{Lu}[^,;:]*)$/u.exec(whole)?.[1];
    const subject = /^([^,;:]+),\s+(?:which|who|based|headquartered)\b/u.exec(whole)?.[1] ?? tail ?? whole;
    const words = subject.split(/\s+/).filter(Boolean);
    if (/^\p{Lu}/u.test(subject) && !/[,;:]/u.test(subject) && words.length <= 6) {
      return { kind: 'organisation', result: { speaker: null, attribution: `${subject} ${verb[0]}` } };
    }
  }
  return null;
}

const whenKind = (kind: VerbSubject['kind']) => (site: QuoteSite) => {
  const subject = verbSubjectBefore(site);
  return subject?.kind === kind ? subject.result : null;
};

const VERB_AFTER_NAME = new RegExp(`^[^,.;:"“”«»]{0,30}?\\s${ADVERB}(${VERB})\\b`, 'u');
const ROLE_IN_COMMAS_AFTER = /^(?:\p{Lu}[\p{L}&'’-]*\s+){1,4}(?:[\p{Ll}-]+\s+){0,3}[\p{Ll}-]+,\s+/u;
const SPEECH_RIGHT_AFTER = new RegExp(`^,?\\s+${ADVERB}(${VERB})\\b`, 'u');

/** A person named at `offset` or after a few title words ("Senate Majority Leader", "Mariners coach"). */
function mentionAfterTitles(site: QuoteSite, offset: number): PersonMention | undefined {
  const text = site.paragraph.slice(offset);
  const titles = TITLE_WINDOW.exec(text)?.[0] ?? '';
  for (const word of [{ index: 0, 0: text.split(/\s/u, 1)[0] }, ...titles.matchAll(/(?<=\s)\S+/gu)]) {
    const found = site.doc.mentionAt(site.paragraphIndex, offset + (word.index ?? 0));
    if (found) return found;
    // "analysts at Veltra SIM led by Chiara Bonomi": past a preposition or a verb, the name is someone else.
    if (NOT_A_TITLE_WORD.test(word[0])) return undefined;
  }
  return undefined;
}

/** `keeping a “hold” rating`: a word or two in marks used as a modifier, not speech. */
const isLabel = (site: QuoteSite) =>
  site.quote.closed &&
  site.quote.text.split(/\s+/).length <= 3 &&
  /\b(?:a|an|the|its|his|her|their)\s+$/iu.test(site.before) &&
  /^\s+\p{Ll}/u.test(site.paragraph.slice(site.quote.closeEnd));

/** How many paragraphs back "he added" still continues the last quote's speaker. */
const ADDED_REACH_PARAGRAPHS = 2;
// "Baranauskienė has not commented publicly": a denial is not speaking.
const SPOKE_AFTER = new RegExp(`^(?![^.!?]{0,40}?\\b(?:not|never|declined|refused)\\b)[^.!?"“”«»]{0,40}?\\b(?:${VERB})\\b`, 'u');
const CONTINUING_VERBS = new Set(['added', 'adds', 'continued', 'continues', 'went on']);

/** `“…,” he added` after a paragraph about someone else: the last quoted speaker goes on, when the pronoun fits. */
function continuingSpeaker(site: QuoteSite, pronoun: string, verb: string): string | null {
  const previous = site.previous;
  if (!CONTINUING_VERBS.has(verb.toLowerCase()) || !previous?.speaker) return null;
  if (site.paragraphIndex - previous.paragraph > ADDED_REACH_PARAGRAPHS) return null;
  // Unless someone else who fits has spoken since: "Pruett said she remained unconvinced. “…,” she added."
  for (let index = previous.paragraph + 1; index <= site.paragraphIndex; index += 1) {
    const text = site.doc.paragraphs[index];
    const limit = index === site.paragraphIndex ? site.quote.open : text.length;
    const spoke = site.doc
      .mentionsBetween(index, 0, limit)
      .some(
        (mention) =>
          mention.person !== previous.speaker &&
          site.doc.pronounFits(pronoun, mention.person) &&
          SPOKE_AFTER.test(text.slice(mention.end, mention.end + 80)),
      );
    if (spoke) return null;
  }
  return site.doc.pronounFits(pronoun, previous.speaker) ? previous.speaker : null;
}

const isWholeSentence = (text: string) => /^\p{Lu}/u.test(text) && text.split(/\s+/).length >= 4;

/**
 * Who a quote is attributed to, tried in order: attribution after the quote, before it in its
 * sentence, then carried over from the quote or sentence before. The speaker is the one the copy
 * attributes, not the name nearest to the quote. A quote no rule attributes is a scare quote or a
 * title, and is left out.
 */
export const ATTRIBUTION_RULES: readonly AttributionRule[] = [
  {
    name: 'transcript-turn',
    description:
      "A transcript turn: `NAME:` answers are that person's, `Q.` questions unnamed, an unlabelled paragraph continues the answer.",
    example: {
      copy:
        'Elise Vandermeer won in three sets.\n\nQ. How do you feel?\n\nELISE VANDERMEER: Tired, but happy.\n\n' +
        'Q. And the final?\n\nELISE VANDERMEER: I will sleep first.',
      quote: 'I will sleep first',
      speaker: 'Elise Vandermeer',
    },
    match: (site) => {
      if (site.quote.marks !== TRANSCRIPT_MARKS) return null;
      if (site.quote.open < 0) return site.previous ? pick(site.previous) : null;
      const label = site.paragraph.slice(0, site.quote.open).replace(/[\s.:]+$/u, '');
      return { speaker: site.doc.mentionAt(site.paragraphIndex, 0)?.person ?? null, attribution: label };
    },
  },
  {
    name: 'name-after-quote',
    quiet: '"We will rebuild," a spokesperson for Mayor Laura Becker said.',
    description: 'The person named after the quote, titles allowed: `“…,” Senate Majority Leader Thomas Greer told reporters`.',
    example: { copy: '"The plant will close," Laura Becker said on Monday.', quote: 'The plant will close', speaker: 'Laura Becker' },
    match: (site) => {
      if (!site.quote.closed || site.endsSentence) return null;
      // "“…,” Pritchard Vell's chairman, Sir Alan Rudd, said": the name in commas after its role.
      const role = ROLE_IN_COMMAS_AFTER.exec(site.after);
      const named = role ? mentionAfterTitles(site, site.afterAt + role[0].length) : undefined;
      const spoke = named ? SPEECH_RIGHT_AFTER.exec(site.paragraph.slice(named.end)) : null;
      if (named && spoke)
        return { speaker: named.person, attribution: site.paragraph.slice(site.afterAt, named.end + spoke[0].length).trim() };
      const mention = mentionAfterTitles(site, site.afterAt);
      if (!mention) return null;
      // "“…,” a spokesperson for Mayor Laura Becker said": someone speaking for the person named.
      if (SPEAKING_FOR.test(site.paragraph.slice(site.afterAt, mention.runStart))) return null;
      // Another sentence or clause in between; the full stops of "U.N." and "Sgt." end nothing.
      const between = site.paragraph
        .slice(site.afterAt, mention.runStart)
        .replace(/\b(?:\p{L}\.){1,3}/gu, '')
        .replace(/\b(\p{L}+)\./gu, (whole, word: string) => (ABBREVIATIONS.has(word.toLowerCase()) ? word : whole));
      if (/[,.;:!?]/u.test(between)) return null;
      // The speech verb follows the name ("… Kjersti Moldestad told reporters"), not "said after meeting Smith".
      const verb = VERB_AFTER_NAME.exec(site.paragraph.slice(mention.end, mention.end + 60));
      return verb
        ? { speaker: mention.person, attribution: site.paragraph.slice(site.afterAt, mention.end + verb[0].length).trim() }
        : null;
    },
  },
  {
    name: 'pronoun-after-quote',
    quiet: 'Laura Becker, the mayor, spoke first.\n\n"We will rebuild," the council said.',
    description: '`“…,” she said`: the person "she" refers to there (gender and sentence subject count, not nearness).',
    example: {
      copy: 'Rams coach Adrian Velasquez was asked about the tackle on Liam Cavanagh.\n\n"It was a penalty, no argument," he said.',
      quote: 'It was a penalty, no argument',
      speaker: 'Adrian Velasquez',
    },
    match: (site) => {
      const match = site.quote.closed ? PRONOUN_AFTER.exec(site.after) : null;
      if (!match) return null;
      const goesOn = continuingSpeaker(site, match[1], match[2]);
      return { speaker: goesOn ?? site.doc.resolvePronoun(match[1], site.paragraphIndex, site.afterAt), attribution: match[0] };
    },
  },
  {
    name: 'epithet-after-quote',
    description: '`“…,” the Belgian said`, `the 29-year-old added`: a description standing for the person just named.',
    example: {
      copy: 'Elise Vandermeer lost in three sets.\n\n"I was tired," the Belgian said.',
      quote: 'I was tired',
      speaker: 'Elise Vandermeer',
    },
    match: (site) => {
      const match = site.quote.closed ? EPITHET_AFTER.exec(site.after) : null;
      return match ? { speaker: site.doc.resolvePronoun('they', site.paragraphIndex, site.afterAt), attribution: match[0] } : null;
    },
  },
  {
    name: 'description-after-quote',
    description: '`“…,” the judge said`: the person the copy gives that role, named before or soon after.',
    example: {
      copy: '"This is a courtroom," the judge said.\n\nSuperior Court Judge Helen Marsh-Ostrowski then adjourned the trial.',
      quote: 'This is a courtroom',
      speaker: 'Helen Marsh-Ostrowski',
    },
    match: (site) => {
      const match = site.quote.closed ? DESCRIPTION_AFTER.exec(site.after) : null;
      const speaker = match ? site.doc.describedPerson(match[1], site.paragraphIndex, site.afterAt) : null;
      return match && speaker ? { speaker, attribution: match[0] } : null;
    },
  },
  {
    name: 'source-after-quote',
    quiet: '"We will rebuild," Laura Becker told a neighbour.',
    description: '`“…,” a senior official told reporters`, `one woman said`: an unnamed source, speaker null.',
    example: { copy: '"The deal is dead," a senior official told reporters.', quote: 'The deal is dead', speaker: null },
    match: (site) => {
      const match = site.quote.closed ? (SOURCE_AFTER.exec(site.after) ?? POSSESSIVE_SOURCE_AFTER.exec(site.after)) : null;
      if (!match || (site.endsSentence && /^\p{Lu}/u.test(site.after))) return null;
      return { speaker: site.doc.describedPerson(match[1], site.paragraphIndex, site.afterAt), attribution: match[0] };
    },
  },
  {
    name: 'organisation-after-quote',
    quiet: '"We will rebuild," Mayor Laura Becker said.',
    description: '`“…,” Harlow Equities said`, `“…,” Police said`: an organisation speaks; speaker null, its name kept.',
    example: { copy: '"Prices will fall," Harlow Equities said in a note.', quote: 'Prices will fall', speaker: null },
    match: (site) => {
      if (!site.quote.closed || site.endsSentence) return null;
      const match = CAPITALISED_SUBJECT_AFTER.exec(site.after);
      if (!match || site.doc.mentionsBetween(site.paragraphIndex, site.afterAt, site.afterAt + match[1].length).length > 0) return null;
      return { speaker: null, attribution: match[0] };
    },
  },
  {
    name: 'inverted-after-quote',
    description: '`“…,” said Teresa Okonkwo`, `said one woman`, `said a spokesperson for X`.',
    example: { copy: '"We are ready," said Teresa Okonkwo, the union leader.', quote: 'We are ready', speaker: 'Teresa Okonkwo' },
    match: (site) => {
      const inverted = site.quote.closed ? INVERTED_AFTER.exec(site.after) : null;
      if (!inverted) return null;
      const subjectAt = site.afterAt + inverted[0].length;
      const subjectText = site.paragraph.slice(subjectAt);
      // "said her daughter, Gina Tomasetti": the name after a possessive role, not the one "her" stands for.
      const possessed = /^(?:his|her|their)\s+(?:[\p{Ll}-]+\s+){0,3}?[\p{Ll}-]+,?\s+(?=\p{Lu})/u.exec(subjectText);
      const mention =
        mentionAfterTitles(site, subjectAt) ?? (possessed ? mentionAfterTitles(site, subjectAt + possessed[0].length) : undefined);
      if (mention) return { speaker: mention.person, attribution: site.paragraph.slice(site.afterAt, mention.end).trim() };
      const pronoun = PRONOUN_START.exec(subjectText);
      if (pronoun) {
        return {
          speaker: site.doc.resolvePronoun(pronoun[0], site.paragraphIndex, subjectAt),
          attribution: site.paragraph.slice(site.afterAt, subjectAt + pronoun[0].length),
        };
      }
      const source = SOURCE_START.exec(subjectText);
      if (source) {
        return {
          speaker: site.doc.describedPerson(source[0], site.paragraphIndex, subjectAt),
          attribution: site.paragraph.slice(site.afterAt, subjectAt + source[0].length),
        };
      }
      const organisation = site.doc.organisationAt(site.paragraphIndex, subjectAt);
      return organisation ? { speaker: null, attribution: site.paragraph.slice(site.afterAt, organisation.end) } : null;
    },
  },
  {
    name: 'according-to',
    description: '`According to X, “…”`, `according to the department`.',
    example: {
      copy: 'According to Bruno Salgado, "the plant will close in June."',
      quote: 'the plant will close in June',
      speaker: 'Bruno Salgado',
    },
    match: (site) => {
      // Before the quote in its sentence, or right after it: `“…”, according to the study.`
      const ahead = site.quote.closed ? /^(?:[^.!?;"“”«»]{0,40}?,\s+)?according to\s+/iu.exec(site.after) : null;
      const according = ahead ?? /\baccording to\s+/iu.exec(site.before);
      if (!according) return null;
      const subjectAt = (ahead ? site.afterAt : site.beforeAt) + according.index + according[0].length;
      const phraseAt = subjectAt - according[0].length + according[0].search(/according/iu);
      const mention = site.doc.mentionAt(site.paragraphIndex, subjectAt);
      if (mention) return { speaker: mention.person, attribution: site.paragraph.slice(phraseAt, mention.end) };
      const rest = site.paragraph.slice(subjectAt, ahead ? undefined : site.quote.open);
      // "According to him, “…”": the person "he" stands for.
      const pronoun = /^(him|her)\b/iu.exec(rest);
      if (pronoun) {
        const speaker = site.doc.resolvePronoun(pronoun[1].toLowerCase() === 'him' ? 'he' : 'she', site.paragraphIndex, subjectAt);
        return { speaker, attribution: `according to ${pronoun[1]}` };
      }
      const subject = /^[^,;:"“”«»]{1,80}/u.exec(rest)?.[0].trim();
      return subject ? { speaker: null, attribution: `according to ${subject}` } : null;
    },
  },
  {
    name: 'name-before-quote',
    quiet: 'A spokesperson for Laura Becker said: "We will rebuild."',
    description: '`X said that “…”`, `X told reporters: “…”`, `X, who …, said the sides were “far apart”`.',
    example: { copy: 'Finance Minister Olu Bankole said the budget was "fully funded."', quote: 'fully funded', speaker: 'Olu Bankole' },
    match: whenKind('person'),
  },
  {
    name: 'pronoun-before-quote',
    description: '`She said: “…”`, `He told the court the night was “a blur”`.',
    example: {
      copy: 'Mayor Ines Carvalho opened the line on Friday.\n\nShe said: "This changes the city."',
      quote: 'This changes the city',
      speaker: 'Ines Carvalho',
    },
    match: whenKind('pronoun'),
  },
  {
    name: 'source-before-quote',
    description: '`A person familiar with the talks said the sides were “far apart”`, `volunteers chanted “…”`: speaker null.',
    example: { copy: 'A person familiar with the talks said the sides were "far apart".', quote: 'far apart', speaker: null },
    match: whenKind('source'),
  },
  {
    name: 'organisation-before-quote',
    description: '`Harlow Equities said in a note: “…”`, `The Saskatchewan Greens say the party is “…”`: speaker null.',
    example: { copy: 'Northgate Equities said in a note: "Margins have peaked."', quote: 'Margins have peaked', speaker: null },
    match: whenKind('organisation'),
  },
  {
    name: 'sign-or-chant',
    quiet: 'Laura Becker said the signs were "a disgrace".',
    description: 'Words on signs, placards and banners, and chants: `placards reading “…”`, speaker null.',
    example: { copy: 'Protesters carried placards reading "Roads, not villas".', quote: 'Roads, not villas', speaker: null },
    match: (site) => {
      const sign = SIGN_BEFORE.exec(site.before);
      return sign ? { speaker: null, attribution: sign[0].trim() } : null;
    },
  },
  {
    name: 'split-quote',
    quiet: '"We will rebuild," Laura Becker said. Her rival said it was "too late".',
    description: 'A quote split by its attribution, or a second quote in the paragraph: `“I think,” she said, “we should strike.”`.',
    example: {
      copy: 'Union leader Maya Brandt spoke at the rally.\n\n"I think we should strike," she said. "Monday suits everyone."',
      quote: 'Monday suits everyone',
      speaker: 'Maya Brandt',
    },
    match: (site) => (site.previousInParagraph && !isLabel(site) ? pick(site.previousInParagraph) : null),
  },
  {
    name: 'continued-paragraph',
    description: 'A quote left open at the end of a paragraph and reopened at the start of the next.',
    example: {
      copy: 'Novelist Petra Lindholm said: "I wrote it at night.\n\n"It took nine years before anyone read it."',
      quote: 'It took nine years before anyone read it',
      speaker: 'Petra Lindholm',
    },
    match: (site) => {
      const previous = site.previous;
      const continues = previous && !previous.closed && previous.paragraph === site.paragraphIndex - 1 && site.quote.open <= 1;
      return continues ? pick(previous) : null;
    },
  },
  {
    name: 'colon-intro',
    quiet: 'Laura Becker said the road would reopen.\n\nThe sign on the door: "Closed until further notice."',
    description: 'The paragraph before ends with its attribution and a colon: `He added:` then the quote.',
    example: {
      copy: 'Detective Sergeant Ian Moss appealed for witnesses. He added:\n\n"Someone saw what happened that night."',
      quote: 'Someone saw what happened that night',
      speaker: 'Ian Moss',
    },
    match: (site) => {
      if (site.quote.open > 1 || site.paragraphIndex === 0) return null;
      const previousIndex = site.paragraphIndex - 1;
      const previousParagraph = site.doc.paragraphs[previousIndex];
      const intro = COLON_INTRO.exec(previousParagraph);
      if (!intro) return null;
      const introAt = previousParagraph.length - intro[0].length + intro[0].indexOf(intro[1]);
      const mention = site.doc.mentionsBetween(previousIndex, introAt, previousParagraph.length)[0];
      if (mention) return { speaker: mention.person, attribution: intro[1].trim() };
      const pronoun = /\b(he|she)\b/iu.exec(intro[1]);
      if (pronoun)
        return { speaker: site.doc.resolvePronoun(pronoun[1], previousIndex, introAt + pronoun.index), attribution: intro[1].trim() };
      // "In a statement, a Red Cross spokesperson said:": someone unnamed, or an organisation.
      const source = SOURCE_ANYWHERE.exec(intro[1]);
      const speaker = source ? site.doc.describedPerson(source[0], previousIndex, introAt + source.index) : null;
      return { speaker, attribution: intro[1].trim() };
    },
  },
  {
    name: 'attributed-in-next-paragraph',
    description: 'A quote left open, continued in the next paragraph where the attribution comes: `“… \n\n“…,” she said.`',
    example: {
      copy: 'The deputy governor issued a statement on Friday.\n\n"I have never signed a voucher.\n\n"I will see them in court," Lilian Wekesa said.',
      quote: 'I have never signed a voucher',
      speaker: 'Lilian Wekesa',
    },
    match: (site) => {
      const { quote, paragraph } = site;
      const runsOn = !quote.closed && quote.close === paragraph.length && quote.marks !== TRANSCRIPT_MARKS;
      return runsOn ? site.doc.attributionOfNextParagraph(site.paragraphIndex) : null;
    },
  },
  {
    name: 'follow-on-paragraph',
    quiet:
      '"We are ready," Laura Becker said.\n\nOfficials from Harlow Equities disagreed.\n\n"It is far from over," the firm said in a note.',
    description: 'A paragraph that is a quote with no attribution, right after a quoted paragraph: the same speaker.',
    example: {
      copy: '"We trained for this," said coach Rita Alves.\n\n"Nobody gave us a chance, and we never listened."',
      quote: 'Nobody gave us a chance, and we never listened',
      speaker: 'Rita Alves',
    },
    match: (site) => {
      const previous = site.previous;
      const follows =
        previous && previous.paragraph === site.paragraphIndex - 1 && site.quote.open <= 1 && isWholeSentence(site.quote.text);
      return follows ? pick(previous) : null;
    },
  },
  {
    name: 'subject-of-sentence-before',
    quiet: 'Laura Becker left early. Her deputy, Tomás Ruiz, stayed.\n\n"We are not done," Ruiz said.',
    description: 'A whole-sentence quote after a sentence about a named person: `Moss appealed for calm. “…”`.',
    example: {
      copy: 'Hospital chief Amara Singh visited the ward on Monday. "We will reopen every bed by spring."',
      quote: 'We will reopen every bed by spring',
      speaker: 'Amara Singh',
    },
    match: (site) => {
      if (!isWholeSentence(site.quote.text)) return null;
      const { doc, paragraphIndex } = site;
      const starts = doc.sentenceStarts(paragraphIndex).filter((start) => start < site.quote.open);
      const sentenceStart = starts[starts.length - 1] ?? 0;
      // The sentence before, in this paragraph; or, when the quote opens the paragraph, the sentences
      // of the previous one from the last back, when that paragraph is narrative about someone.
      const sentences: [number, number, number][] =
        site.quote.open > sentenceStart || starts.length > 1
          ? [
              [
                paragraphIndex,
                starts.length > 1 && site.quote.open <= sentenceStart + 1 ? starts[starts.length - 2] : sentenceStart,
                site.quote.open,
              ],
            ]
          : paragraphIndex > 0 && site.previous?.paragraph !== paragraphIndex - 1
            ? doc
                .sentenceStarts(paragraphIndex - 1)
                .map((start, at, all): [number, number, number] => [
                  paragraphIndex - 1,
                  start,
                  all[at + 1] ?? doc.paragraphs[paragraphIndex - 1].length,
                ])
                .reverse()
            : [];
      for (const [index, from, to] of sentences) {
        const subject = doc.mentionsBetween(index, from, to)[0];
        const opening = doc.paragraphs[index].slice(from, subject?.runStart ?? to);
        // The subject opens its sentence (a few words at most before it), or the sentence is about "he" or "she".
        // … or is introduced by a role: "Wyre Forest District councillor Gemma Pritchard-Rowe, who …, said".
        const openingWords = opening.split(/\s+/).filter(Boolean);
        const introduced =
          openingWords.length <= 6 && !/[,;:]/u.test(opening) && isRoleOrTitle(openingWords[openingWords.length - 1] ?? '');
        if (subject && (openingWords.length <= 3 || introduced)) return { speaker: subject.person, attribution: subject.person };
        const pronoun = PRONOUN_OPENING.exec(doc.paragraphs[index].slice(from, to));
        const speaker = pronoun ? doc.resolvePronoun(pronoun[1], index, from) : null;
        if (pronoun && speaker) return { speaker, attribution: pronoun[1] };
      }
      return null;
    },
  },
];

const pick = (quote: Attribution): Attribution => ({ speaker: quote.speaker, attribution: quote.attribution });

type NotSpeechRule = ExtractionRule<QuoteSite, true>;
const TITLE_CASE_WORD = /^(?:\p{Lu}[\p{L}'’-]*|a|an|and|at|by|for|in|of|on|or|the|to|with|\d[\d,.]*)$/u;
/** "The Salt Orchard", "A Place to Wait": every word capitalised but the small ones, no sentence inside. */
const isTitleCase = (text: string) => {
  const words = text.split(/\s+/);
  return (
    words.length >= 2 &&
    words.length <= 8 &&
    /^\p{Lu}/u.test(text) &&
    !/[.!?,;:]/u.test(text) &&
    words.every((word) => TITLE_CASE_WORD.test(word))
  );
};

/**
 * Words in marks that are nobody's speech, tried before ATTRIBUTION_RULES: the span is left out.
 * Signs and chants are speech even in title case ("Save Garfield" on T-shirts).
 */
export const NOT_SPEECH_RULES: readonly NotSpeechRule[] = [
  {
    name: 'nickname-in-name',
    description: 'A nickname between the words of a name: `Sen. Ramon "Monching" Villaruel`.',
    example: { copy: 'Mayor Ramon "Monching" Villaruel told reporters the port would reopen.', notQuote: 'Monching' },
    match: (site) =>
      /\p{Lu}[\p{L}'’-]*\s$/u.test(site.before) &&
      /^\p{Lu}[\p{L}'’-]*$/u.test(site.quote.text) &&
      /^\s\p{Lu}/u.test(site.paragraph.slice(site.quote.closeEnd))
        ? true
        : null,
  },
  {
    name: 'so-called',
    description: '`the so-called “solidarity levy”`: the copy keeping its distance from a phrase.',
    example: { copy: 'The party said the so-called "solidarity levy" would punish the regions.', notQuote: 'solidarity levy' },
    match: (site) => (/\bso-called\s+$/iu.test(site.before) ? true : null),
  },
  {
    name: 'title-after-possessive',
    description: "`CNBC's “Squawk on the Street”`, `Tabrizi-Lund’s “The Salt Orchard”`: a programme or work of the one named.",
    example: {
      copy: 'Chief executive Angela Ruiz told CNBC\'s "Squawk on the Street" that demand held up.',
      notQuote: 'Squawk on the Street',
    },
    match: (site) => (/\b\p{Lu}[\p{L}&-]*['’]s\s+$/u.test(site.before) ? true : null),
  },
  {
    name: 'title-case',
    description: 'A title in marks, every word capitalised: `making “The Salt Orchard” taught her`, `the report ‘A Place to Wait’`.',
    example: { copy: 'Director Shirin Lund said making "The Salt Orchard" had taught her to let go.', notQuote: 'The Salt Orchard' },
    match: (site) => (isTitleCase(site.quote.text) && !SIGN_BEFORE.test(site.before) ? true : null),
  },
  {
    name: 'rating-word',
    description: 'A broker\'s rating in marks: `cut its exposure to "underweight"`, `rates the stock a "buy"`.',
    example: {
      copy: 'Tobias Engqvist said in a note that the bank was trimming its exposure to chip stocks to "underweight" for the first time.',
      notQuote: 'underweight',
    },
    match: (site) => (RATING_WORDS.test(site.quote.text) ? true : null),
  },
];
