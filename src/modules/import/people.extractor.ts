import nlp from 'compromise';
import { normalizePersonName } from '../person/person-name';
import type { PersonDraft } from './article-draft';
import {
  HONORIFICS,
  INVERTED_SPEECH_VERBS,
  LEADING_FUNCTION_WORDS,
  NON_PERSON_WORDS,
  ROLE_NOUNS,
  SPEECH_VERBS,
  TITLE_WORDS,
} from './lexicon';

/** Where the body refers to a person: by full name, surname or title + surname. */
export interface PersonMention {
  person: string;
  paragraph: number;
  start: number;
  end: number;
}

export interface PeopleExtraction {
  /** In order of first appearance. */
  people: PersonDraft[];
  /** Every mention, in text order. */
  mentions: PersonMention[];
}

const PARTICLES = '(?:de|da|del|della|di|du|van|von|der|den|bin|ibn|al|el|la|le|dos|das|ter|y)';
// Abbreviated titles and initials keep their period; any other period ends the run (and the sentence).
const TOKEN = "(?:(?:Dr|Mr|Mrs|Ms|St|Prof|Sen|Rep|Gov|Gen|Lt|Col|Capt|Sgt|Rev|Jr|Sr)\\.|\\p{Lu}\\.(?=[ ]\\p{Lu})|\\p{Lu}[\\p{L}'’\\-]*)";
/** Runs of capitalised words, possibly joined by name particles ("Ludwig van Beethoven"). */
const CAPITALISED_RUN = new RegExp(`${TOKEN}(?:[ ](?:${PARTICLES}[ ]){0,2}${TOKEN})*`, 'gu');

const SPEECH_VERB_PATTERN = [...SPEECH_VERBS].join('|');
/** A speech verb after the name, possibly past an appositive or relative clause in commas. */
const SPEECH_AFTER = new RegExp(`^(?:(?:,[^,"“”]{1,160}){1,2},)?\\s+(?:\\p{Ll}+ly\\s+)?(?:${SPEECH_VERB_PATTERN})\\b`, 'u');
const INVERTED_BEFORE = new RegExp(`\\b(?:${[...INVERTED_SPEECH_VERBS].join('|')})\\s+$`, 'u');
const ACCORDING_TO_BEFORE = /\baccording to\s+$/i;

interface Candidate {
  /** The name without titles or honorifics. */
  tokens: string[];
  /** Capitalised words before the name inside the run ("Russian Foreign Minister"). */
  titleTokens: string[];
  paragraph: number;
  start: number;
  end: number;
  evidence: boolean;
  description: string | null;
}

function isNameToken(token: string): boolean {
  // A name word has lower-case letters ("Zelensky", "McAllister"), or is an initial ("F.").
  return /\p{Ll}/u.test(token) || /^\p{Lu}\.$/u.test(token);
}

function stripPossessive(token: string): string {
  return token.replace(/['’]s$/u, '').replace(/['’]$/u, '');
}

const lower = (token: string) => token.toLowerCase();

/** Role phrase after a comma: "Yuri Ushakov, a foreign policy adviser from the Kremlin, …". */
function appositiveAfter(text: string): string | null {
  const match = /^,\s+((?:a|an|the)\s+)?([^,.;:"“”()]{2,120})/u.exec(text);
  if (!match) return null;
  const [, article, raw] = match;
  // Without an article, a capitalised start is another name (", Judge Helen Marsh said"),
  // unless it is a title followed by lower-case words (", President of the union").
  const [first, second = ''] = raw.split(/\s+/);
  if (!article && /^\p{Lu}/u.test(raw) && !(isRoleOrTitle(first) && /^\p{Ll}/u.test(second))) return null;
  const phrase = cutClause(raw);
  return hasRoleNoun(phrase) ? phrase : null;
}

/** Role phrase before the name: "The local government minister, Samuel Oduya, …". */
function appositiveBefore(text: string): string | null {
  const match =
    /(?:^|[\s(—–-])(?:the|a|an|its|his|her|their|\p{Lu}[\p{L}.]*(?:\s\p{Lu}[\p{L}-]*)?['’]s)\s+([^,.;:"“”()]{2,80}),\s*$/iu.exec(text);
  if (!match) return null;
  const phrase = cutClause(match[1]);
  return hasRoleNoun(phrase) && phrase.split(/\s+/).length <= 6 ? phrase : null;
}

/** Drops a trailing relative or participle clause: "leader of Chechnya backed by the Kremlin" -> "leader of Chechnya". */
function cutClause(phrase: string): string {
  return phrase
    .replace(/\s+(?:who|whom|whose|which|that|where|when|speaking|according|known|said|says)\b.*$/iu, '')
    .replace(/\s+\p{Ll}+ed\s+(?:by|in|to|from|with|as|for)\b.*$/u, '')
    .replace(/\s+\p{Ll}+ing\b.*$/u, '')
    .trim();
}

function isRoleOrTitle(word: string): boolean {
  const bare = lower(word.replace(/[^\p{L}.-]/gu, ''));
  return ROLE_NOUNS.has(bare) || TITLE_WORDS.has(bare);
}

function hasRoleNoun(phrase: string): boolean {
  return phrase.split(/\s+/).some((word) => ROLE_NOUNS.has(lower(word.replace(/[^\p{L}-]/gu, ''))));
}

/**
 * The role words just before a name, read backwards: "Harbor Authority chief executive",
 * "UN special envoy", "US Secretary of" (+ "State" from inside the run).
 */
function rolePhraseBefore(text: string, titled: boolean): string[] {
  const words = text.split(/\s+/);
  if (words[words.length - 1] === '') words.pop();
  const phrase: string[] = [];
  let haveRole = titled;
  let modifiers = 0;
  for (let index = words.length - 1; index >= 0; index -= 1) {
    const word = words[index];
    if (/[,.;:!?"“”()—–]$/u.test(word) || /^["“(]/u.test(word)) break;
    const bare = lower(word);
    if (ROLE_NOUNS.has(bare) || (TITLE_WORDS.has(bare) && /^\p{Lu}/u.test(word))) {
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
      /^\p{Ll}[\p{L}-]*$/u.test(word) && !/(?:ed|ing|ly)$/u.test(word) && !LEADING_FUNCTION_WORDS.has(bare) && !SPEECH_VERBS.has(bare);
    if (isModifier && modifiers < 3) {
      modifiers += 1;
      phrase.unshift(word);
      continue;
    }
    break;
  }
  // Trailing lower-case modifiers with no role noun after them are not part of the role.
  return haveRole ? phrase : [];
}

function candidatesIn(paragraph: string, paragraphIndex: number): Candidate[] {
  const candidates: Candidate[] = [];
  for (const match of paragraph.matchAll(CAPITALISED_RUN)) {
    let tokens = match[0].split(' ');
    let start = match.index ?? 0;
    // Function words ("The", "In") and possessives ("Australia's Kayla Brooks") come before a name.
    while (tokens.length > 0 && (LEADING_FUNCTION_WORDS.has(lower(tokens[0])) || (tokens.length > 1 && /['’]s$/u.test(tokens[0])))) {
      start += tokens[0].length + 1;
      tokens = tokens.slice(1);
    }
    // A sentence-initial participle ("Sentencing Carter, Judge …") is not a first name.
    if (tokens.length > 1 && /^\p{Lu}\p{Ll}{3,}(?:ing|ed)$/u.test(tokens[0]) && /(?:^|[.!?]["”’]?\s+)$/u.test(paragraph.slice(0, start))) {
      start += tokens[0].length + 1;
      tokens = tokens.slice(1);
    }
    if (tokens.length === 0) continue;
    const end = (match.index ?? 0) + match[0].length;

    // Titles end at the last title word that still has a name after it.
    let split = -1;
    tokens.forEach((token, index) => {
      if (index < tokens.length - 1 && isRoleOrTitle(token)) split = index;
    });
    const titleTokens = tokens.slice(0, split + 1);
    const nameTokens = tokens.slice(split + 1).map((token, index, all) => (index === all.length - 1 ? stripPossessive(token) : token));
    if (nameTokens.length === 0 || nameTokens.length > 4) continue;
    if (!nameTokens.every(isNameToken)) continue;
    // "Mr President" is no name; "Farida Sheikh" and "John King" are.
    if (nameTokens.every((token) => isRoleOrTitle(token))) continue;
    // "Webb & Sons Builders": a run joined to another by an ampersand is a firm's name.
    if (/&\s*$/u.test(paragraph.slice(0, start)) || /^\s*&/u.test(paragraph.slice(end))) continue;
    if (nameTokens.some((token) => NON_PERSON_WORDS.has(lower(token)))) continue;
    const nameStart = start + titleTokens.reduce((length, token) => length + token.length + 1, 0);

    const before = paragraph.slice(0, nameStart);
    const after = paragraph.slice(end);
    const rolePhrase = rolePhraseBefore(paragraph.slice(0, start), titleTokens.length > 0);
    const prefixRole = [...rolePhrase, ...titleTokens].filter((token) => !HONORIFICS.has(lower(token)));
    const appositive = appositiveAfter(after) ?? appositiveBefore(before);
    // "Mr Doyle's mother, Joan Doyle, said": a name in commas may have its verb after the comma.
    const inCommas = /,\s*$/u.test(before) && /^,\s+(?:\p{Ll}+ly\s+)?\p{Ll}/u.test(after);
    const spoke =
      SPEECH_AFTER.test(after) ||
      (inCommas && SPEECH_AFTER.test(after.slice(1))) ||
      INVERTED_BEFORE.test(before) ||
      ACCORDING_TO_BEFORE.test(before);
    const titled = titleTokens.length > 0 || rolePhrase.length > 0;
    candidates.push({
      tokens: nameTokens,
      titleTokens,
      paragraph: paragraphIndex,
      start: nameStart,
      end,
      evidence: titled || appositive !== null || spoke,
      description: appositive ?? (prefixRole.length > 0 && hasRoleOrTitle(prefixRole) ? prefixRole.join(' ') : null),
    });
  }
  return candidates;
}

function hasRoleOrTitle(words: string[]): boolean {
  return words.some((word) => ROLE_NOUNS.has(lower(word)) || TITLE_WORDS.has(lower(word)));
}

/**
 * Finds the people a body names. A full name (two to four capitalised words) is a person when
 * the copy gives evidence of it somewhere: a title or role next to it, an appositive role, or
 * a speech verb with it as subject. Places, organisations and events (which get none of these,
 * or hold words like "Authority" or "Cup") are left out. Surnames and "Mr X" mentions later
 * in the copy refer back to the full name.
 */
export function extractPeople(paragraphs: readonly string[]): PeopleExtraction {
  const candidates = paragraphs.flatMap((paragraph, index) => candidatesIn(paragraph, index));
  const taggedPeople = peopleTaggedByCompromise(paragraphs);
  const keyOf = (candidate: Candidate) => normalizePersonName(candidate.tokens.join(' '));
  const fullNames = candidates.filter((candidate) => candidate.tokens.length >= 2);
  const hasEvidence = (key: string) =>
    taggedPeople.has(key) || fullNames.some((candidate) => candidate.evidence && keyOf(candidate) === key);

  // People: full names with evidence somewhere in the copy, keyed by normalised name.
  const people = new Map<string, PersonDraft & { key: string; aliases: string[] }>();
  const addPerson = (candidate: Candidate, aliases: string[]) => {
    const key = keyOf(candidate);
    const known = people.get(key);
    if (known) {
      known.description ??= candidate.description;
      known.aliases.push(...aliases.filter((alias) => !known.aliases.includes(alias)));
    } else {
      people.set(key, { key, name: candidate.tokens.join(' '), description: candidate.description, aliases });
    }
  };
  for (const candidate of fullNames) {
    if (people.has(keyOf(candidate)) || hasEvidence(keyOf(candidate)))
      addPerson(candidate, [lower(candidate.tokens[candidate.tokens.length - 1])]);
  }

  // "Kadyrov said", "says Ms Chen": a single name with a title or speech verb is evidence for the
  // full name it belongs to (family name first or last); with a title and no full name anywhere
  // ("Mr Okafor said"), it is a person of its own.
  for (const candidate of candidates) {
    if (candidate.tokens.length !== 1 || !candidate.evidence) continue;
    const single = lower(candidate.tokens[0]);
    const owners = fullNames.filter((full) =>
      [full.tokens[0], full.tokens[full.tokens.length - 1]].some((token) => lower(token) === single),
    );
    if (owners.length > 0) {
      for (const owner of owners) if (!people.has(keyOf(owner))) addPerson(owner, [single]);
      for (const owner of owners) people.get(keyOf(owner))?.aliases.push(single);
    } else if (candidate.titleTokens.length > 0 && ![...people.values()].some((person) => person.aliases.includes(single))) {
      addPerson(candidate, [single]);
    }
  }

  // Mentions: every candidate that is a known person by full name or by an unambiguous alias.
  const byAlias = new Map<string, Set<string>>();
  for (const person of people.values()) {
    for (const alias of person.aliases) byAlias.set(alias, new Set([...(byAlias.get(alias) ?? []), person.key]));
  }
  const mentions: PersonMention[] = [];
  for (const candidate of candidates) {
    let key: string | undefined = people.has(keyOf(candidate)) ? keyOf(candidate) : undefined;
    if (!key && candidate.tokens.length === 1) {
      const owners = [...(byAlias.get(lower(candidate.tokens[0])) ?? [])];
      if (owners.length === 1) key = owners[0];
    }
    if (key) mentions.push({ person: people.get(key)!.name, paragraph: candidate.paragraph, start: candidate.start, end: candidate.end });
  }

  const firstSeen = new Map<string, number>();
  mentions.forEach((mention, order) => {
    if (!firstSeen.has(mention.person)) firstSeen.set(mention.person, order);
  });
  const ordered = [...people.values()]
    .filter((person) => firstSeen.has(person.name))
    .sort((a, b) => firstSeen.get(a.name)! - firstSeen.get(b.name)!)
    .map(({ name, description }) => ({ name, description: description ? tidyDescription(description) : null }));
  return { people: ordered, mentions };
}

/**
 * Full names that compromise's English lexicon tags as people (it knows many given names):
 * evidence for names the copy gives no title, role or speech verb for. Runs offline.
 */
function peopleTaggedByCompromise(paragraphs: readonly string[]): Set<string> {
  const names = new Set<string>();
  for (const paragraph of paragraphs) {
    for (const text of nlp(paragraph).people().out('array') as string[]) {
      const key = normalizePersonName(text);
      if (key.includes(' ')) names.add(key);
    }
  }
  return names;
}

function tidyDescription(description: string): string {
  return description
    .replace(/\s+/g, ' ')
    .replace(/[\s,;:]+$/u, '')
    .trim();
}
