import nlp from 'compromise';
import { LEADING_FUNCTION_WORDS, lower, PAST_TENSE_VERBS, POSITION_NOUNS, ROLE_NOUNS, SPEECH_VERBS, TITLE_WORDS } from './lexicon';

/** Reading the role the copy gives a name: before it ("Kremlin spokesperson …") or beside it in commas. */

/** Scripts without capitals whose names are one word of two to four characters: "佐藤健一", "王海峰", "박정숙". */
export const UNCASED_NAME_SCRIPTS = '\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\p{Script=Hangul}';
const UNCASED_NAME = new RegExp(`^[${UNCASED_NAME_SCRIPTS}]{2,4}$`, 'u');

/** A whole name written in a script without capitals ("王海峰", "박정숙"). */
export function isUncasedName(token: string): boolean {
  return UNCASED_NAME.test(token);
}

export function isNameToken(token: string): boolean {
  // A name word has lower-case letters ("Zelensky", "McAllister", "Смирнов"), is an initial ("F.", "A.V."),
  // the Irish "Ó", or is written in a script without case ("佐藤健一").
  return /\p{Ll}/u.test(token) || /^(?:\p{Lu}\.)+$/u.test(token) || token === 'Ó' || isUncasedName(token);
}

/** A role noun by its ending: "cellist", "technician", "epidemiologist" (lower case only: "Baptist" is a name). */
const ROLE_SUFFIX = /^\p{Ll}[\p{Ll}-]{2,}(?:ist|ician|ologist)s?$/u;
const isRoleNoun = (word: string): boolean =>
  ROLE_NOUNS.has(lower(word)) ||
  (ROLE_SUFFIX.test(word) && !NOT_ROLE_WORDS.has(word)) ||
  // "Leg-spinner", "wicketkeeper-batter": a compound ending in a role.
  (/^\p{L}+-\p{Ll}+$/u.test(word) && ROLE_NOUNS.has(lower(word.slice(word.lastIndexOf('-') + 1))));
const NOT_ROLE_WORDS = new Set([
  'exist',
  'assist',
  'insist',
  'persist',
  'resist',
  'consist',
  'list',
  'twist',
  'wrist',
  'mist',
  'fist',
  'gist',
  'desist',
]);

export function isRoleOrTitle(word: string): boolean {
  const bare = word.replace(/[^\p{L}.-]/gu, '');
  return isRoleNoun(bare) || TITLE_WORDS.has(lower(bare));
}

export function hasRoleNoun(phrase: string): boolean {
  return phrase.split(/\s+/).some((word) => isRoleNoun(word.replace(/[^\p{L}-]/gu, '')));
}

export function hasRoleOrTitle(words: readonly string[]): boolean {
  return words.some((word) => isRoleNoun(word) || TITLE_WORDS.has(lower(word)) || POSITION_NOUNS.has(word));
}

/** Drops a trailing relative or participle clause: "leader of Chechnya backed by the Kremlin" -> "leader of Chechnya". */
export function cutClause(phrase: string): string {
  return (
    phrase
      .replace(/\s+(?:who|whom|whose|which|that|where|when|speaking|according|known|said|says)\b.*$/iu, '')
      .replace(/\s+\p{Ll}+ed\s+(?:by|in|to|from|with|as|for)\b.*$/u, '')
      // "an engineer working for X", but not "director of housing", "professor of civil engineering".
      .replace(/(?<!\b(?:of|in|and|for|on|at|to|with|the|a|an))\s+\p{Ll}+ing\b.*$/u, '')
      .trim()
  );
}

const RELATIVE_PRONOUNS = new Set(['who', 'whom', 'whose', 'which', 'that', 'where', 'when']);
// Full stops of abbreviations ("B.C.", "U.S.") do not end the phrase.
const APPOSITIVE_AFTER = /^,\s+((?:a|an|the)\s+)?((?:[^,.;:"“”«»()]|(?<=\b\p{Lu})\.){2,120})/u;
/** ", a retired logger," is a description whatever its noun; only "the …" needs a role noun. */
const MAX_LOOSE_DESCRIPTION_WORDS = 8;
/** Role phrase after a comma: "Yuri Ushakov, a foreign policy adviser from the Kremlin, …". */
export function appositiveAfter(text: string, loose = false): string | null {
  const match = APPOSITIVE_AFTER.exec(text);
  if (!match) return null;
  const [, article, raw] = match;
  // Without an article, a capitalised start is another name (", Judge Helen Marsh said"),
  // unless it is a title followed by lower-case words (", President of the union").
  const [first, second = ''] = raw.split(/\s+/);
  if (!article && /^\p{Lu}/u.test(raw) && !(isRoleOrTitle(first) && /^\p{Ll}/u.test(second))) return null;
  // ", said residents had …": a verb starts a clause, not a role; ", whose vice president …" is someone else's.
  // ", rose above everyone …": a clause with its own verb.
  if (SPEECH_VERBS.has(lower(first)) || RELATIVE_PRONOUNS.has(lower(first)) || isFiniteVerb(lower(first))) return null;
  const phrase = cutClause(raw);
  if (hasRoleNoun(phrase)) return phrase;
  const short = phrase.split(/\s+/).length <= MAX_LOOSE_DESCRIPTION_WORDS;
  return loose && short && /^an?\s/u.test(article ?? '') && /^\p{Ll}/u.test(phrase) ? phrase : null;
}

// The determiner nearest the name wins ("A spokesperson for the party said its candidate, …"): the greedy start.
/** A role phrase in commas right before a name, after a determiner or a name's possessive. */
const APPOSITIVE_PHRASE = String.raw`(?:(?:[Tt]he|[Aa]n?|[Aa]nother|[Ii]ts|[Hh]is|[Hh]er|[Tt]heir|[Yy]our|[Oo]ur|[Mm]y|[Ww]hose)\s+([^,.;:"“”«»()]{2,80})|(?<!\p{Lu}[\p{L}.'’-]*\s)(\p{Lu}[\p{L}.]*(?:\s\p{Lu}[\p{L}-]*)?['’]s?\s+[^,.;:"“”«»()]{2,80})),\s*$`;
/** The nearest determiner ("A spokesperson for the party said its candidate, …") and the farthest. */
const APPOSITIVE_BEFORE = new RegExp(String.raw`^(?:.*[\s(—–-])?${APPOSITIVE_PHRASE}`, 'u');
const APPOSITIVE_BEFORE_FARTHEST = new RegExp(String.raw`^(?:.*?[\s(—–-])??${APPOSITIVE_PHRASE}`, 'u');
/** Role phrase before the name: "The local government minister, Samuel Oduya, …". */
export function appositiveBefore(text: string): string | null {
  // The nearest determiner first; "The chair of the Dundrum Traders' Network, Declan Mulready": failing a role there, the farther one.
  for (const pattern of [APPOSITIVE_BEFORE, APPOSITIVE_BEFORE_FARTHEST]) {
    const match = pattern.exec(text.slice(-120));
    if (!match) return null;
    // A name's possessive stays: "Lindgren's father", "Brightmart’s chief executive". "A spokesperson for
    // the federal environment minister, Meredith Cowan": the name is the minister's.
    const written = cutClause(match[1] ?? match[2]);
    const phrase =
      /^(?:spokesperson|spokesman|spokeswoman|representative|aide)\s+(?:for|of|to)\s+(?:the\s+)?(.+)$/u.exec(written)?.[1] ?? written;
    // The farther determiner's phrase must head with the role: "A letter from the lawyer for the family" is a letter.
    const head = pattern === APPOSITIVE_BEFORE ? phrase : phrase.split(/\s+(?:of|for|at|from|in|with|to)\s+/u)[0];
    if (hasRoleNoun(head) && phrase.split(/\s+/).length <= 7) return phrase;
  }
  return null;
}

/** "In the end Okafor said": after these, a position word is an everyday word. */
const NOT_BEFORE_POSITION = new Set(['the', 'a', 'an', 'in', 'at', 'on', 'by', 'to', 'of', 'this', 'that', 'its', 'his', 'her', 'their']);
/** "bring down prime minister X": a verb's particle is no part of a role. */
const PARTICLE_WORDS = new Set([
  'down',
  'up',
  'out',
  'off',
  'over',
  'into',
  'onto',
  'about',
  'against',
  'after',
  'before',
  'under',
  'past',
  'through',
]);
const wordTags = new Map<string, readonly string[]>();
/** What compromise's lexicon says of one word on its own ("Ethan": FirstName, MaleName; "met": PastTense), looked up once. */
export function lexiconTags(word: string): readonly string[] {
  let tags = wordTags.get(word);
  if (tags === undefined) {
    tags = (nlp(word).json()[0]?.terms?.[0]?.tags ?? []) as string[];
    wordTags.set(word, tags);
  }
  return tags;
}

/** "beat", "met", "told": a past-tense verb ends the role phrase ("… beat fourth seed Daria Lemieux-Antonova"). */
function isFiniteVerb(word: string): boolean {
  return lexiconTags(word).includes('PastTense') || PAST_TENSE_VERBS.has(word);
}

/**
 * The role words just before a name, read backwards: "Harbor Authority chief executive",
 * "UN special envoy", "US Secretary of" (+ "State" from inside the run), "winger".
 */
export function rolePhraseBefore(text: string, titled: boolean): string[] {
  const words = text.split(/\s+/);
  if (words[words.length - 1] === '') words.pop();
  const phrase: string[] = [];
  let haveRole = titled;
  let modifiers = 0;
  for (let index = words.length - 1; index >= 0; index -= 1) {
    const word = words[index];
    if (/[,.;:!?"“”«»()—–]$/u.test(word) || /^["“«(]/u.test(word)) break;
    const bare = lower(word);
    if (
      isRoleNoun(word) ||
      (TITLE_WORDS.has(bare) && /^\p{Lu}/u.test(word)) ||
      // "tight end Rashaad Pettiford", but not "In the end Okafor said".
      (POSITION_NOUNS.has(word) && phrase.length === 0 && !haveRole && !NOT_BEFORE_POSITION.has(lower(words[index - 1] ?? 'the')))
    ) {
      haveRole = true;
      phrase.unshift(word);
      continue;
    }
    if (!haveRole) break;
    if (bare === 'of' && index > 0 && /^\p{Lu}/u.test(words[index - 1])) {
      phrase.unshift(word);
      continue;
    }
    if (/^\p{Lu}/u.test(word)) {
      if (LEADING_FUNCTION_WORDS.has(bare)) break;
      phrase.unshift(word);
      continue;
    }
    const isModifier =
      /^\p{Ll}[\p{L}-]*$/u.test(word) &&
      !/(?:ed|ing|ly)$/u.test(word) &&
      !LEADING_FUNCTION_WORDS.has(bare) &&
      !SPEECH_VERBS.has(bare) &&
      !PARTICLE_WORDS.has(bare) &&
      !isFiniteVerb(bare);
    if (isModifier && modifiers < 3) {
      modifiers += 1;
      phrase.unshift(word);
      continue;
    }
    break;
  }
  return haveRole ? phrase : [];
}

/** compromise's lexicon knows the word as a given name ("Ethan" of "Ethan Marsh"). */
export function isGivenName(word: string): boolean {
  return lexiconTags(word).some((tag) => tag === 'FirstName' || tag === 'MaleName' || tag === 'FemaleName');
}
