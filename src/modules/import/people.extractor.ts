import nlp from 'compromise';
import { transliterate } from 'transliteration';
import { normalizePersonName } from '../person/person-name';
import type { PersonDraft } from './article-draft';
import { firstMatch } from './extraction-rule';
import { countWork } from './extraction-work';
import {
  ABBREVIATED_NAME_WORDS,
  HONORIFICS,
  LEADING_FUNCTION_WORDS,
  GENDERED_NOUNS,
  looksEnglish,
  lower,
  NON_PERSON_WORDS,
  POSITION_NOUNS,
  POST_NOMINALS,
  TITLE_MODIFIERS,
  TITLES_ALSO_GIVEN_NAMES,
} from './lexicon';
import { NameIndex, type NamePosition, normaliseWord, resetNameCache } from './name-index';
import type { ArticleNames, NameSite } from './person.rules';
import { AGE_AFTER, keyOfTokens, NOT_A_PERSON_RULES, PERSON_EVIDENCE_RULES } from './person.rules';
import {
  appositiveAfter,
  appositiveBefore,
  hasRoleOrTitle,
  isGivenName,
  isNameToken,
  isRoleOrTitle,
  isUncasedName,
  lexiconTags,
  rolePhraseBefore,
  UNCASED_NAME_SCRIPTS,
} from './role-phrase';
import type { TranscriptTurn } from './transcript';
import { labelAsName } from './transcript';

/** Where the body refers to a person: by full name, a short form, or title + surname. */
export interface PersonMention {
  person: string;
  paragraph: number;
  /** The name's offsets; `runStart` includes the titles before it ("Senate Majority Leader …"). */
  start: number;
  end: number;
  runStart: number;
}

/** A capitalised run the rules found to be an organisation or a place. */
export interface OrganisationMention {
  name: string;
  paragraph: number;
  start: number;
  end: number;
  rule: string;
}

export type Gender = 'male' | 'female';

export interface PeopleExtraction {
  /** In order of first appearance, each with the rule that made it a person. */
  people: PersonDraft[];
  /** Every mention, in text order. */
  mentions: PersonMention[];
  organisations: OrganisationMention[];
  /** What "he" or "she" can refer to, where the copy says. */
  genders: Map<string, Gender>;
}

// Malay "a/l", "binti"; Gaelic "Nic a' Phì", "Mac an t-Saoir".
const PARTICLES = "(?:de|da|del|della|di|du|van|von|der|den|bin|binti|bint|ibn|al|el|la|le|dos|das|ter|y|ben|ould|a/l|a/p|s/o|d/o|a'|an)";
// Abbreviated titles and initials keep their period; any other period ends the run (and the sentence).
// Letters of any script: "Алексей Смирнов" and "Σπύρος Κατσαρός" are runs too; "al-Sahili" is one word.
// Han, kana and Hangul have no capitals: a run of two to four such characters is a name-shaped word ("佐藤健一").
// Irish "Ó hÉanaí" writes a lower-case h before a capital.
// Filipino "Ma." (Maria) goes on into a name ("Ma. Lourdes Velasco-Ramos"); before a sentence's first word it ends one ("Yo-Yo Ma. He").
const TOKEN =
  `(?:(?:${ABBREVIATED_NAME_WORDS.join('|')})\\.|Ma\\.(?=[ ]\\p{Lu}\\p{Ll})(?![ ](?:He|She|It|They|The|This|That|But|And|In|On|At|We|His|Her|Its|Their|An?|As|If|So)\\b)|` +
  `(?:\\p{Lu}\\.){1,3}(?=[ ]\\p{Lu})|(?:(?:al|el|ad|as|ash|az|t|n)-|h(?=\\p{Lu}))?\\p{Lu}[\\p{L}\\p{M}'’\\-]*|[${UNCASED_NAME_SCRIPTS}]{2,4})`;
/** Runs of capitalised words, possibly joined by name particles ("Ludwig van Beethoven"). Built once. */
// A nickname in quotes may sit inside a name: Ramon "Monching" Villaruel.
const NICKNAME = `["“‘][\\p{Lu}][\\p{L}'-]*["”’]`;
// "Oba (Dr.) Folorunsho Adebisi-Olakunle": an honorific in brackets is one of the titles.
const BRACKETED_HONORIFIC = `\\((?:Dr|Prof|Engr|Mrs|Mr)\\.?\\)`;
const CAPITALISED_RUN = new RegExp(`${TOKEN}(?:[ ](?:${NICKNAME}[ ]|${BRACKETED_HONORIFIC}[ ])?(?:${PARTICLES}[ ]){0,2}${TOKEN})*`, 'gu');
const NICKNAME_TOKEN = new RegExp(`^${NICKNAME}$`, 'u');
/** A capitalised title and its "of …, and" chain, ending right before a run: "Minister of Water and ". */
const TITLE_CHAIN_BEFORE = /(?<=^|\s)\p{Lu}[\p{L}-]*(?:\s+(?:of|for|and|the|&|\p{Lu}[\p{L}-]*)){0,6}?\s+(?:of|for|and|&)\s+$/u;
const PARTICLE = new RegExp(`^${PARTICLES}$`, 'u');
const MAX_NAME_WORDS = 5;
/** Text between two names of one list: "A, B and C", "A; B". */
const LIST_GAP = /^\s*(?:,|;|,?\s+and|,?\s+&)\s*$/u;
/** "Rossway Aggregates Ltd." is the "Rossway Aggregates" of the next paragraph. */
const CORPORATE_SUFFIX = / (?:ltd|inc|llc|plc|corp|co|limited|incorporated|gmbh|ag|sa|pty ltd|pty)$/u;
/** "the Kestrels", "Rhinos travel to Mombasa": a plural name acting as a group. */
const TEAM_WORD =
  /\bthe\s+(\p{Lu}\p{Ll}+s)\b|\b(\p{Lu}\p{Ll}+s)\s+(?:are|were|have|travel|play|host|face|meet|need|remain|sit|lead|trail|go|head)\b/gu;
const SPOUSE_NOUNS = new Set(['wife', 'husband', 'partner', 'widow', 'widower']);
const KINSHIP_DESCRIPTION = /\b(?:son|daughter|father|mother|brother|sister|grandson|granddaughter|grandfather|grandmother)\b/u;
const MIDDLE_INITIAL = /^\p{Lu}\.?$/u;
/** The label before a line-up's bench: "Replacements: 16 Adriaan Nel". */
const BENCH_WORDS = 'Replacements|Substitutes|Subs|Bench|Reserves|Interchange';
const BENCH_LABEL = new RegExp(`^(?:${BENCH_WORDS})$`, 'u');
/**
 * Line-ups put substitutes, minutes, shirt numbers, captaincy and a bench label between names:
 * "Theo Marchetti (Lewis Ardern 46), Billy Osgood", "8 Henko Terblanche (captain), 7 Ilan Nortje. Replacements: 16 Adriaan Nel".
 */
const LINE_UP_NOISE = new RegExp(
  String.raw`\(\s*(?:captain|capt\.?|c|vc|vice-captain|wk|gk)\s*\)|\.\s+(?:${BENCH_WORDS})\s*:|(?<=[,;:]\s*)\d{1,2}(?=\s)|\(\s*|\s*\d+\s*\)|\s\d+(?=\s*[,;)])`,
  'gu',
);
const isListGap = (gap: string) => {
  const bare = gap.replace(LINE_UP_NOISE, ' ');
  return LIST_GAP.test(bare) || (bare !== gap && /^\s*$/u.test(bare)) || /^\s*\(\s*$/u.test(gap);
};

/** The copy a name site shows its rules. */
const reads = (site: NameSite) => site.before.length + site.after.length;

const stripPossessive = (token: string) => token.replace(/['’]s$/u, '').replace(/['’]$/u, '');

interface Site extends NameSite {
  paragraph: number;
  start: number;
  end: number;
  runStart: number;
  key: string;
  description: string | null;
}

function sitesIn(paragraph: string, paragraphIndex: number, article: ArticleNames): Site[] {
  const sites: Site[] = [];
  for (const match of paragraph.matchAll(CAPITALISED_RUN)) {
    // Each word with its offset, so that dropping words (a nickname in marks, leading words) keeps offsets right.
    let parts = [...match[0].matchAll(/\S+/gu)]
      .map((word) => ({ text: word[0], at: (match.index ?? 0) + (word.index ?? 0) }))
      .map((word) => (/^\(.*\)$/u.test(word.text) ? { text: word.text.slice(1, -1), at: word.at + 1 } : word))
      .filter((word) => !NICKNAME_TOKEN.test(word.text));
    // Function words ("The", "In") and possessives ("Australia's Kayla Brooks") come before a name.
    while (parts.length > 0 && (LEADING_FUNCTION_WORDS.has(lower(parts[0].text)) || (parts.length > 1 && /['’]s$/u.test(parts[0].text)))) {
      parts = parts.slice(1);
    }
    // "Khon Kaen’s Constituency 3": whatever a possessive inside the run owns starts after it.
    const owner = parts.slice(0, -1).reduce((last, part, index) => (/['’]s$/u.test(part.text) ? index : last), -1);
    if (owner >= 0) parts = parts.slice(owner + 1);
    // A sentence-initial participle ("Sentencing Carter, Judge …") is not a first name.
    if (
      parts.length > 1 &&
      /^\p{Lu}\p{Ll}{3,}(?:ing|ed)$/u.test(parts[0].text) &&
      !isGivenName(parts[0].text) && // "Mohammed Al-Shammari said"
      (parts[0].at === 0 || /[.!?]["”’]?\s+$/u.test(paragraph.slice(Math.max(0, parts[0].at - 4), parts[0].at)))
    ) {
      parts = parts.slice(1);
    }
    // Post-nominal letters are not part of the name ("Jonathan Ashcombe KC").
    while (parts.length > 1 && POST_NOMINALS.has(parts[parts.length - 1].text)) parts = parts.slice(0, -1);
    if (parts.length === 0 || (parts.length === 1 && /^I['’](?:d|m|ve|ll)$/u.test(parts[0].text))) continue; // "I'd" opens no name
    if (parts.length === 1 && BENCH_LABEL.test(parts[0].text) && paragraph[parts[0].at + parts[0].text.length] === ':') continue;
    const tokens = parts.map((part) => part.text);
    const start = parts[0].at;
    const end = parts[parts.length - 1].at + parts[parts.length - 1].text.length;

    // Titles and role acronyms ("MCA Dennis Wafula Wanyonyi", "MP Jane Doe") come first; "ICE Futures Europe" has none.
    let split = -1;
    // Titles end at the last title word that still has a name after it.
    tokens.forEach((token, index) => {
      // "Health New Zealand": a qualifier ("Health", "Deputy") is a title only before another title word.
      const qualifierAlone = TITLE_MODIFIERS.has(lower(token)) && !isRoleOrTitle(tokens[index + 1] ?? '');
      // "their manager, Dean Chegwidden": a title that is also a given name, alone before a surname, is the name.
      const givenName = index === 0 && tokens.length === 2 && TITLES_ALSO_GIVEN_NAMES.has(lower(token));
      // "Det Con Amy Lockett" (alone, "Con" is a given name: "Con Edison"); "DI Cheverton" in capitals ("di" is Italian).
      const constable =
        (index > 0 && /^Con\.?$/u.test(token) && /^Det\.?$/u.test(tokens[index - 1])) || /^(?:DI|DCI|DS|DSU|PCSO)$/u.test(token);
      if (index < tokens.length - 1 && ((isRoleOrTitle(token) && !qualifierAlone && !givenName) || constable)) split = index;
      // "Guard Γιώργος Καλαϊτζής" at the start of a sentence: a position capitalised as its first word.
      if (index === 0 && tokens.length >= 3 && POSITION_NOUNS.has(lower(token))) split = Math.max(split, 0);
    });
    // "Minister of Water and Sanitation Thandeka Mabuza-Nkosi": the run's first word ends a title begun before it.
    const chain =
      split === -1 && tokens.length >= 3
        ? (TITLE_CHAIN_BEFORE.exec(paragraph.slice(Math.max(0, start - 160), start))?.[0]
            .trim()
            .split(/\s+/) ?? [])
        : [];
    const chainStart = chain.findIndex((word) => !LEADING_FUNCTION_WORDS.has(lower(word)));
    const hasTitle = chain.some((word) => /^\p{Lu}/u.test(word) && isRoleOrTitle(word));
    const chained = chainStart >= 0 && hasTitle ? `${chain.slice(chainStart).join(' ')} ${tokens[0]}` : null;
    if (chained) split = 0;
    // "Grazier Lorraine Pettit", "American Kayla Moss-Whitaker": a word that is no given name before one is a title.
    const [qualifier, given] = tokens;
    const looksQualified = /^\p{Lu}\p{Ll}+$/u.test(qualifier) && !NON_PERSON_WORDS.has(lower(qualifier)) && !isGivenName(qualifier);
    if (split === -1 && tokens.length === 3 && looksQualified && isGivenName(given)) split = 0;
    const titleTokens = tokens.slice(0, split + 1);
    const nameTokens = tokens.slice(split + 1).map((token, index, all) => (index === all.length - 1 ? stripPossessive(token) : token));
    const words = nameTokens.filter((token) => !PARTICLE.test(token));
    if (words.length === 0 || words.length > MAX_NAME_WORDS) continue;
    // Initials may go without full stops ("A R Sethupathi"), never last.
    if (!nameTokens.every((token, index) => isNameToken(token) || (index < nameTokens.length - 1 && /^\p{Lu}$/u.test(token)))) continue;
    // "Mr President" is no name; "Farida Sheikh" and "John King" are; "National Publicity Secretary" is a title.
    if (nameTokens.every((token) => isRoleOrTitle(token))) continue;
    // ("Ngozi King" and "Kemi Judge" are names: the first word must be a qualifier such as "National" or "Royal".)
    const qualified = lexiconTags(nameTokens[0]).includes('Adjective') || isRoleOrTitle(nameTokens[0]);
    if (nameTokens.length >= 2 && qualified && isRoleOrTitle(nameTokens[nameTokens.length - 1]) && !nameTokens.some(isGivenName)) continue;
    const nameStart = parts[split + 1].at;
    const beforeName = paragraph.slice(0, nameStart);
    const after = paragraph.slice(end);
    const rolePhrase = rolePhraseBefore(paragraph.slice(0, start), titleTokens.length > 0);
    const prefixRole = [...rolePhrase, ...titleTokens].filter((token) => !HONORIFICS.has(lower(token)));
    // ", 41, a technician at …" after an age; "The party's national chairperson, Ms Beatrice …" before the titles.
    const appositive =
      appositiveAfter(after.replace(/^\)?,\s*\d{1,3}(?=,)/u, ''), true) ??
      appositiveBefore(beforeName) ??
      appositiveBefore(paragraph.slice(0, start));
    sites.push({
      tokens: nameTokens,
      titleTokens,
      run: paragraph.slice(start, end),
      before: paragraph.slice(0, start),
      beforeName,
      after,
      rolePhrase,
      listedWith: [],
      article,
      paragraph: paragraphIndex,
      start: nameStart,
      end,
      runStart: start,
      key: keyOfTokens(nameTokens),
      description: appositive ?? chained ?? (prefixRole.length > 0 && hasRoleOrTitle(prefixRole) ? prefixRole.join(' ') : null),
    });
  }
  // Names of one list know each other: "Kieran Ah-Sam, Tevita Maka and Josh Pennington".
  for (let index = 1; index < sites.length; index += 1) {
    const [previous, current] = [sites[index - 1], sites[index]];
    if (!isListGap(paragraph.slice(previous.end, current.runStart))) continue;
    previous.listedWith.push(current.key);
    current.listedWith.push(previous.key, ...previous.listedWith.filter((key) => key !== current.key));
  }
  for (let index = sites.length - 2; index >= 0; index -= 1) {
    const [current, next] = [sites[index], sites[index + 1]];
    if (isListGap(paragraph.slice(current.end, next.runStart))) {
      for (const key of next.listedWith) if (key !== current.key && !current.listedWith.includes(key)) current.listedWith.push(key);
    }
  }
  return sites;
}

/**
 * Characters of copy compromise tags per article: six times the longest of the 204 labelled
 * articles (4,963). Compromise reads about 110 kB a second here; past this budget (a pasted index,
 * an agency dump) the rules alone judge names, so that a 1 MB paste costs no more than 0.3 s of tagging.
 * (Tags are article-wide: "karnataka" in a lower-case paragraph makes "Karnataka" a place elsewhere,
 * so no paragraph inside the budget is skipped.)
 */
const MAX_TAGGED_CHARS = 32_000;

/** What compromise's English lexicon tags as people, organisations and places: offline evidence. */
function tagNames(paragraphs: readonly string[]): ArticleNames {
  const article: ArticleNames = {
    taggedPeople: new Set(),
    taggedOrganisations: new Set(),
    taggedPlaces: new Set(),
    people: new Set(),
    englishCopy: looksEnglish(paragraphs),
    singleWords: new Map(),
    teamWords: new Set(),
  };
  let budget = MAX_TAGGED_CHARS;
  for (const paragraph of paragraphs) {
    for (const match of paragraph.matchAll(TEAM_WORD)) article.teamWords.add(normalizePersonName(match[1] ?? match[2]));
    if (budget < paragraph.length) continue;
    budget -= paragraph.length;
    countWork(0, paragraph.length);
    const doc = nlp(paragraph);
    for (const text of doc.people().out('array') as string[]) {
      const key = normalizePersonName(text);
      if (key.includes(' ')) article.taggedPeople.add(key);
    }
    for (const text of doc.organizations().out('array') as string[]) article.taggedOrganisations.add(normalizePersonName(text));
    for (const text of doc.places().out('array') as string[]) article.taggedPlaces.add(normalizePersonName(text));
  }
  return article;
}

/** A contiguous run of `long` at its start or end: "Maria Fernanda" and "López de la Cruz" of "Maria Fernanda López de la Cruz". */
function isShortFormOf(short: readonly string[], long: readonly string[]): boolean {
  if (short.length >= long.length) return false;
  const same = (a: string, b: string) => normaliseWord(a) === normaliseWord(b);
  const atStart = short.every((token, index) => same(token, long[index]));
  const atEnd = short.every((token, index) => same(token, long[long.length - short.length + index]));
  return atStart || atEnd;
}

/** One word of a name, allowing the case endings of inflected scripts ("Смирнова" for "Смирнов"). */
function sameNameWord(word: string, nameWord: string): boolean {
  const [a, b] = [normaliseWord(word), normaliseWord(nameWord)];
  if (a === b) return true;
  if (/\p{Script=Latin}/u.test(a) || a.length < 4 || b.length < 4) return false;
  const stem = b.slice(0, Math.max(3, b.length - 1));
  return a.startsWith(stem) && a.length - b.length <= 2 && a.length - b.length >= -1;
}

/** Han names are written surname first without a space: "佐藤" of "佐藤健一". */
function isHanPrefix(word: string, name: string): boolean {
  return /^\p{Script=Han}+$/u.test(name) && name.length > word.length && name.startsWith(word);
}

const HONORIFIC_GENDER: Record<string, Gender> = {
  mr: 'male',
  'mr.': 'male',
  sir: 'male',
  lord: 'male',
  mrs: 'female',
  'mrs.': 'female',
  ms: 'female',
  'ms.': 'female',
  miss: 'female',
  dame: 'female',
  lady: 'female',
  madam: 'female',
  madame: 'female',
  mdm: 'female',
  'mdm.': 'female',
};

interface Person extends PersonDraft {
  key: string;
  tokens: string[];
  rule: string;
  /** Other forms the copy writes the name in: "Kenichi Sato" for 佐藤健一. */
  aliases: string[][];
}

/** The people found so far by key, indexed by the words of their names (see NameIndex). */
class PeopleByKey extends Map<string, Person> {
  /** Names as written, by their proper starts and ends: what a shorter name can be the start or end of. */
  private readonly names = new NameIndex<Person>();
  /** Every form (name and aliases) without particles, by first, inner and last word, case endings allowed. */
  private readonly forms = new NameIndex<Person>();
  /** One-word Han names by their proper starts ("佐藤" of "佐藤健一"). */
  private readonly hanNames = new Map<string, Set<Person>>();
  private readonly hanStartsOf = new Map<Person, string[]>();
  private readonly order = new Map<Person, number>();
  private added = 0;
  /** Counts changes, so that answers cached from the people found so far know when they are stale. */
  version = 0;

  override set(key: string, person: Person): this {
    super.set(key, person);
    this.version += 1;
    this.order.set(person, (this.added += 1));
    this.names.add(person, person.tokens, { parts: true });
    for (const form of [person.tokens, ...person.aliases]) this.addForm(person, form);
    return this;
  }

  override delete(key: string): boolean {
    const person = this.get(key);
    if (person) {
      this.version += 1;
      this.names.remove(person);
      this.forms.remove(person);
      for (const start of this.hanStartsOf.get(person) ?? []) this.hanNames.get(start)?.delete(person);
      this.hanStartsOf.delete(person);
    }
    return super.delete(key);
  }

  /** Records another form of a person's name ("Kenichi Sato" for 佐藤健一). */
  addAliases(person: Person, ...forms: string[][]): void {
    person.aliases.push(...forms);
    this.version += 1;
    if (this.get(person.key) === person) for (const form of forms) this.addForm(person, form);
  }

  /** People whose name as written `tokens` is a proper start or end of (isShortFormOf). */
  withNameStartingOrEnding(tokens: readonly string[]): Person[] {
    return this.names.withPart(tokens);
  }

  /** People with `word` (or a case form of it) at one of `positions` of a form of their name; candidates for sameNameWord and isHanPrefix. */
  withWordAt(positions: readonly NamePosition[], word: string): Person[] {
    const found = this.forms.find(
      positions.map((position) => ({ position, word })),
      true,
    );
    const han = positions.includes('first') ? this.hanNames.get(word) : undefined;
    if (!han || han.size === 0) return found;
    return [...new Set([...found, ...han])].sort((a, b) => this.order.get(a)! - this.order.get(b)!);
  }

  private addForm(person: Person, form: readonly string[]): void {
    const words = form.filter((word) => !PARTICLE.test(word));
    this.forms.add(person, words);
    if (words.length !== 1 || !/^\p{Script=Han}+$/u.test(words[0])) return;
    for (let length = 1; length < words[0].length; length += 1) {
      const start = words[0].slice(0, length);
      this.hanNames.set(start, (this.hanNames.get(start) ?? new Set()).add(person));
      this.hanStartsOf.set(person, [...(this.hanStartsOf.get(person) ?? []), start]);
    }
  }
}

/**
 * Finds the people a body names. A full name counts when the copy gives evidence for it somewhere
 * (PERSON_EVIDENCE_RULES) and no rule says it is an organisation or a place (NOT_A_PERSON_RULES).
 * Short forms ("Maria Fernanda", "López de la Cruz", a surname, "Mr Okafor") refer to the full name
 * the article introduces, before or after them.
 */
export function extractPeople(copy: readonly string[], turns: readonly TranscriptTurn[] = []): PeopleExtraction {
  // A transcript's turn labels ("Q.", "MARTA KOWALCZYK-RUIZ:") are blanked, offsets kept: they are read below.
  const labelled = new Map(turns.filter((turn) => turn.kind !== 'continued').map((turn) => [turn.paragraph, turn]));
  const paragraphs = copy.map((paragraph, index) => {
    const turn = labelled.get(index);
    return turn ? ' '.repeat(turn.textStart) + paragraph.slice(turn.textStart) : paragraph;
  });
  resetNameCache();
  const article = tagNames(paragraphs);
  const sites = paragraphs.flatMap((paragraph, index) => sitesIn(paragraph, index, article));
  // Full names by their first and last words, each key once: what a short form can be the short form of.
  const fullNames = new NameIndex<Site>();
  const sitesByKey = new Map<string, Site[]>();
  for (const site of sites) {
    const same = sitesByKey.get(site.key);
    if (same) same.push(site);
    else sitesByKey.set(site.key, [site]);
    if (site.tokens.length > 1) fullNames.add(site, site.tokens, { parts: true });
  }
  /** The sites of full names `tokens` is the start or end of (isShortFormOf), in text order. */
  const longerForms = (tokens: readonly string[]) => fullNames.withPart(tokens);
  for (const site of sites) {
    if (site.tokens.length === 1 && site.titleTokens.length === 0)
      article.singleWords.set(site.key, (article.singleWords.get(site.key) ?? 0) + 1);
  }

  // Organisations and places: every key a not-a-person rule matched somewhere, unless a title says otherwise.
  const organisationRule = new Map<string, string>();
  // A title or an age is stronger evidence than the context rules ("a statement from Evelyn Drummond, 91").
  const titled = new Set(sites.filter((site) => site.titleTokens.length > 0 || AGE_AFTER.test(site.after)).map((site) => site.key));
  const organisations: OrganisationMention[] = [];
  for (const site of sites) {
    // A single word that ends or starts a full name in the copy ("Lima" of "Ana Lima") is judged with that name.
    if (site.tokens.length === 1 && fullNames.hasPart(site.tokens)) continue;
    const found = firstMatch(NOT_A_PERSON_RULES, site, reads(site));
    if (!found) continue;
    // "near Bishop Middleham": a place preposition before the whole run outweighs the title inside it.
    if (titled.has(site.key) && !found.rule.outweighsTitle) continue;
    organisationRule.set(site.key, found.rule.name);
    // The company without its suffix ("Laura Becker Ltd" is her company; "Laura Becker" stays a person).
    const suffix = CORPORATE_SUFFIX.exec(site.key);
    if (suffix && !isGivenName(site.tokens[0])) organisationRule.set(site.key.slice(0, suffix.index), found.rule.name);
  }
  const isOrganisation = (site: Site) => organisationRule.has(site.key);

  // Full names with evidence, in passes: a list member counts once one of its neighbours does.
  const people = new PeopleByKey();
  const makePerson = (site: Site, rule: string) => {
    const known = people.get(site.key);
    if (known) return known;
    const person: Person = { key: site.key, tokens: site.tokens, name: site.tokens.join(' '), description: null, rule, aliases: [] };
    people.set(site.key, person);
    article.people.add(site.key);
    return person;
  };
  for (let pass = 0; pass < 3; pass += 1) {
    const before = people.size;
    for (const site of sites) {
      if (site.tokens.length < 2 || isOrganisation(site) || people.has(site.key)) continue;
      const evidence = firstMatch(PERSON_EVIDENCE_RULES, site, reads(site));
      if (evidence) makePerson(site, evidence.rule.name);
    }
    if (people.size === before) break;
  }

  // Short forms: a person whose name is the start or end of a longer name in the copy is that person.
  const longer = (tokens: readonly string[]) => {
    const owners = new Map<string, Site>();
    for (const site of longerForms(tokens)) if (!isOrganisation(site)) owners.set(site.key, site);
    // The longest wins when short forms nest ("Maria Fernanda" in "Maria Fernanda López" and in "Maria Fernanda López de la Cruz").
    const all = [...owners.values()].sort((a, b) => b.tokens.length - a.tokens.length);
    return all.filter((site) => all.every((other) => other === site || isShortFormOf(other.tokens, site.tokens) || other.key === site.key));
  };
  const aliasOf = new Map<string, string>();
  /** The keys that alias each key, so that a merge repoints them without a pass over every alias. */
  const aliasesOf = new Map<string, Set<string>>();
  const setAlias = (key: string, target: string) => {
    const before = aliasOf.get(key);
    if (before !== undefined) aliasesOf.get(before)?.delete(key);
    aliasOf.set(key, target);
    aliasesOf.set(target, (aliasesOf.get(target) ?? new Set()).add(key));
  };
  for (const person of [...people.values()]) {
    const owners = longer(person.tokens);
    if (owners.length !== 1) continue;
    const full = people.get(owners[0].key) ?? makePerson(owners[0], person.rule);
    if (full === person) continue;
    people.delete(person.key);
    setAlias(person.key, full.key);
  }
  for (const site of sites) {
    if (site.tokens.length < 2 || people.has(site.key) || aliasOf.has(site.key) || isOrganisation(site)) continue;
    const owners = people.withNameStartingOrEnding(site.tokens);
    if (owners.length === 1) setAlias(site.key, owners[0].key);
  }

  // Single words: a surname or given name of one person; with a title and no full name ("Mr Okafor"), a person of their own.
  // A surname or given name first; failing that, one inner word of one name ("Madam Aisyah" of "Nur Aisyah Mohamed Rafi").
  // Answers per word while the people found stay the same (the mentions below ask once per surname mention).
  const owned = { version: -1, owners: new Map<string, Person[]>() };
  const singleOwners = (token: string): Person[] => {
    if (owned.version !== people.version) owned.owners.clear();
    owned.version = people.version;
    let owners = owned.owners.get(token);
    if (!owners) owned.owners.set(token, (owners = findSingleOwners(token)));
    return owners;
  };
  const findSingleOwners = (token: string) => {
    const forms = (person: Person) => [person.tokens, ...person.aliases].map((tokens) => tokens.filter((word) => !PARTICLE.test(word)));
    const byEnds = people.withWordAt(['first', 'last'], token).filter((person) =>
      forms(person).some((words) => {
        if (words.length === 1) return isHanPrefix(token, words[0]);
        return [words[0], words[words.length - 1]].some((word) => sameNameWord(token, word));
      }),
    );
    if (byEnds.length > 0) return byEnds;
    const byInner = people
      .withWordAt(['inner'], token)
      .filter((person) => forms(person).some((words) => words.slice(1, -1).some((word) => sameNameWord(token, word))));
    return byInner.length === 1 ? byInner : [];
  };
  for (const site of sites) {
    if (site.tokens.length !== 1 || isOrganisation(site) || people.has(site.key)) continue;
    if (singleOwners(site.tokens[0]).length > 0) continue;
    const evidence = firstMatch(PERSON_EVIDENCE_RULES, site, reads(site));
    if (!evidence) continue;
    // "Okafor said": evidence for the full name the copy gives elsewhere ("Nneka Okafor").
    const fullForms = new Map(
      longerForms(site.tokens)
        .filter((other) => !isOrganisation(other))
        .map((other) => [other.key, other]),
    );
    if (fullForms.size === 1) {
      makePerson([...fullForms.values()][0], evidence.rule.name);
      continue;
    }
    // A Han name is one word ("王海峰"): any evidence beyond its script makes it a person.
    const hanName = isUncasedName(site.tokens[0]) && evidence.rule.name !== 'other-script-name';
    if (evidence.rule.namesOneWord || hanName || (evidence.rule.namesKnownName && isKnownName(site))) makePerson(site, evidence.rule.name);
  }
  // A name in brackets right after a person's name is the same person in another form: "佐藤健一 (Kenichi Sato)".
  sites.forEach((site, index) => {
    const previous = sites[index - 1];
    if (!previous || previous.paragraph !== site.paragraph || !/^\)/u.test(site.after)) return;
    if (!/^\s*\($/u.test(paragraphs[site.paragraph].slice(previous.end, site.runStart))) return;
    if (isOrganisation(site) || isOrganisation(previous)) return;
    // The form introduced first is the name; the evidence may be on either ("박정숙 (Park Jeong-suk), 78,").
    const bracketed = people.get(aliasOf.get(site.key) ?? site.key);
    const owner = people.get(aliasOf.get(previous.key) ?? previous.key) ?? (bracketed ? makePerson(previous, bracketed.rule) : undefined);
    if (!owner || owner.key === site.key || owner === bracketed) return;
    if (bracketed && !owner.description) owner.description = bracketed.description;
    people.delete(site.key);
    setAlias(site.key, owner.key);
    people.addAliases(owner, site.tokens);
  });
  // Where each person first appears, by the key their sites resolve to; a merge moves the alias's first site to its owner.
  const firstSites = new Map<string, number>();
  sites.forEach((site, index) => {
    const key = aliasOf.get(site.key) ?? site.key;
    if (!firstSites.has(key)) firstSites.set(key, index);
  });
  const firstSite = (person: Person) => firstSites.get(person.key) ?? -1;
  /** One person written two ways: the form introduced first is the name, the other an alias. */
  const mergeInto = (owner: Person, alias: Person) => {
    if (!owner.description) owner.description = alias.description;
    people.delete(alias.key);
    for (const key of [...(aliasesOf.get(alias.key) ?? [])]) setAlias(key, owner.key);
    setAlias(alias.key, owner.key);
    const first = Math.min(...[owner.key, alias.key].map((key) => firstSites.get(key) ?? Infinity));
    if (first !== Infinity) firstSites.set(owner.key, first);
    firstSites.delete(alias.key);
    people.addAliases(owner, alias.tokens, ...alias.aliases);
  };
  // "Leah M. Trondsen" is the Leah Trondsen of the paragraph before: a middle initial adds no one.
  for (const initialled of [...people.values()]) {
    const bare = initialled.tokens.filter(
      (token, index) => index === 0 || index === initialled.tokens.length - 1 || !MIDDLE_INITIAL.test(token),
    );
    if (bare.length === initialled.tokens.length || !people.has(initialled.key)) continue;
    const plain = people.get(aliasOf.get(keyOfTokens(bare)) ?? keyOfTokens(bare));
    // "George Bush" and "His son, George W. Bush" are two people.
    const kin = [plain, initialled].some((person) =>
      (sitesByKey.get(person?.key ?? '') ?? []).some((site) => KINSHIP_DESCRIPTION.test(site.description ?? '')),
    );
    if (!plain || plain === initialled || kin) continue;
    const [owner, alias] = firstSite(plain) <= firstSite(initialled) ? [plain, initialled] : [initialled, plain];
    mergeInto(owner, alias);
  }
  // A name in another script and its romanisation elsewhere in the copy are one person: "Параска Гнатюк" … "Paraska Hnatiuk".
  const persons = [...people.values()];
  const latinByLetters = new Map<string, Person[]>();
  for (const person of persons.filter((candidate) => isLatinName(candidate.tokens))) {
    const letters = lettersKey(person.tokens);
    if (letters) latinByLetters.set(letters, [...(latinByLetters.get(letters) ?? []), person]);
  }
  for (const other of persons.filter((person) => !isLatinName(person.tokens))) {
    const romanised = (latinByLetters.get(lettersKey(other.tokens) ?? '') ?? []).filter(
      (person) => person !== other && sameLetters(person.tokens, other.tokens) && people.has(person.key),
    );
    if (romanised.length !== 1 || !people.has(other.key)) continue;
    const [owner, alias] = firstSite(other) <= firstSite(romanised[0]) ? [other, romanised[0]] : [romanised[0], other];
    mergeInto(owner, alias);
  }

  const organisationWords = new Set([...organisationRule.keys()].map((key) => key.split(' ')[0]));

  // Transcript speakers: the person the label names ("KOWALCZYK-RUIZ:"), introduced in the copy or not.
  const speakerMentions: PersonMention[] = [];
  const byInitials = new Map<string, Person[]>();
  const addInitials = (person: Person) => byInitials.set(initialsOf(person), [...(byInitials.get(initialsOf(person)) ?? []), person]);
  for (const person of people.values()) addInitials(person);
  for (const turn of turns) {
    if (!turn.label) continue;
    const tokens = labelAsName(turn.label).split(' ');
    if (tokens.every((token) => isRoleOrTitle(token))) continue; // "MODERATOR:"
    const key = keyOfTokens(tokens);
    const owners = tokens.length === 1 ? singleOwners(tokens[0]) : [];
    // "RK:" after "Rob Kellaway:": initials stand for the one person they fit.
    const initialled = INITIALS_LABEL.test(turn.label)
      ? [...new Set((byInitials.get(turn.label) ?? []).filter((candidate) => people.get(candidate.key) === candidate))]
      : [];
    let person =
      people.get(aliasOf.get(key) ?? key) ?? (owners.length === 1 ? owners[0] : initialled.length === 1 ? initialled[0] : undefined);
    if (!person) {
      person = { key, tokens, name: tokens.join(' '), description: null, rule: 'transcript-speaker', aliases: [] };
      people.set(key, person);
      addInitials(person);
    }
    const end = turn.label.length;
    speakerMentions.push({ person: person.name, paragraph: turn.paragraph, start: 0, end, runStart: 0 });
  }

  // The gender a full name is introduced with: "Madam Koh Siew Lan", "Her son, Mr Desmond Koh".
  const introducedGenders = new Map<string, Gender | undefined>();
  const siteKeysOf = new Map<string, string[]>();
  for (const key of sitesByKey.keys()) {
    const target = aliasOf.get(key) ?? key;
    siteKeysOf.set(target, [...(siteKeysOf.get(target) ?? []), key]);
  }
  const siteOrder = new Map(sites.map((site, index) => [site, index]));
  const introducedGender = (person: Person): Gender | undefined => {
    if (!introducedGenders.has(person.key)) {
      const introductions = (siteKeysOf.get(person.key) ?? [])
        .flatMap((key) => sitesByKey.get(key)!)
        .sort((a, b) => siteOrder.get(a)! - siteOrder.get(b)!);
      const gender = introductions
        .map((site) => honorificGender(site.titleTokens) ?? describedGender(site.description) ?? pronounInSentenceAfter(site))
        .find(Boolean);
      introducedGenders.set(person.key, gender);
    }
    return introducedGenders.get(person.key);
  };

  // A spouse named by a given name alone ("his wife Meena"), by gender. Descriptions are still being
  // found in the loop below (only ever added), so the lists grow with them.
  const spouseGender = (person: Person) =>
    person.tokens.length === 1 && SPOUSE_NOUNS.has(person.description ?? '') ? describedGender(person.description) : undefined;
  const kin: Record<Gender, Person[]> = { male: [], female: [] };
  for (const person of people.values()) {
    const gender = spouseGender(person);
    if (gender) kin[gender].push(person);
  }
  const kinNamedAlone = (gender: Gender) => kin[gender];
  // Who a lone word ("Okafor", "Mrs Gohil") stands for depends on the word, its honorific and the spouses known so far.
  const loneWordPerson = new Map<string, Person | undefined>();

  // Mentions, descriptions and genders.
  const mentions: PersonMention[] = [];
  const genderVotes = new Map<string, { male: number; female: number }>();
  const vote = (person: Person, gender: Gender, weight: number) => {
    const votes = genderVotes.get(person.key) ?? { male: 0, female: 0 };
    votes[gender] += weight;
    genderVotes.set(person.key, votes);
  };
  for (const site of sites) {
    let person = people.get(aliasOf.get(site.key) ?? site.key);
    const honorific = honorificGender(site.titleTokens);
    // "Mr Faizal" is a person even where "Faizal Chua & Partners" is a firm, and "Salcedo said" is the
    // Salcedo the copy names, not Salcedo Roofing.
    const loneWordKey = `${site.tokens[0]}|${honorific ?? ''}|${kin.male.length}|${kin.female.length}`;
    if (!person && site.tokens.length === 1 && loneWordPerson.has(loneWordKey)) person = loneWordPerson.get(loneWordKey);
    else if (!person && site.tokens.length === 1) {
      const surnameOf = (owner: Person) => sameNameWord(site.tokens[0], owner.tokens[owner.tokens.length - 1]);
      const owners = singleOwners(site.tokens[0]).filter((owner) => honorific || !organisationWords.has(site.key) || surnameOf(owner));
      // A surname the family shares ("Bilous") is the one the story introduced first; relatives go by given names.
      const family =
        owners.length > 1 &&
        owners.every((owner) => [owner.tokens, ...owner.aliases].some((form) => sameNameWord(site.tokens[0], form[form.length - 1])));
      // "Madam Koh" and "Mr Koh" of "Madam Koh Siew Lan" and "Her son, Mr Desmond Koh": the honorific tells them apart.
      const sameGender = honorific ? owners.filter((owner) => introducedGender(owner) === honorific) : [];
      // "Mrs Gohil" of "Sunil Gohil … his wife Meena": the spouse the copy names by a given name alone.
      const otherGender = honorific && owners.length > 0 && owners.every((owner) => (introducedGender(owner) ?? honorific) !== honorific);
      const spouses = otherGender ? kinNamedAlone(honorific) : [];
      if (sameGender.length === 1) person = sameGender[0];
      else if (spouses.length === 1 && owners.length > 0) person = spouses[0];
      else if (owners.length === 1 || family) person = owners.sort((a, b) => firstSite(a) - firstSite(b))[0];
      loneWordPerson.set(loneWordKey, person);
    }
    if (!person) continue;
    mentions.push({ person: person.name, paragraph: site.paragraph, start: site.start, end: site.end, runStart: site.runStart });
    if (!person.description && site.description) {
      person.description = site.description;
      const gender = spouseGender(person);
      if (gender) kin[gender].push(person);
    }
    if (honorific) vote(person, honorific, 3);
    const described = describedGender(site.description);
    if (described) vote(person, described, 3);
    // "Asked about Pōmare-Walker’s call, he said": a possessive name is not what the pronoun after it stands for.
    const possessive = /['’]s?$/u.test(site.run);
    // A pronoun in the name's sentence may be someone else's ("Judge Helen Marsh said he had carried …",
    // "him" nearly always is); a sentence that opens with "She" right after the name's is about her.
    const inSentence = possessive ? undefined : /^[^.!?"“”«»]{0,120}?\b(he|him|his|she|her)\b/iu.exec(site.after)?.[1]?.toLowerCase();
    const opening = possessive || inSentence ? undefined : NEXT_SENTENCE_PRONOUN.exec(site.after)?.[1]?.toLowerCase();
    const pronoun = inSentence ?? opening;
    const weight = opening ? 2 : inSentence === 'him' ? 0 : 1;
    if (pronoun) vote(person, pronoun.startsWith('h') && pronoun !== 'her' ? 'male' : 'female', weight);
  }
  mentions.push(...speakerMentions);
  mentions.sort((a, b) => a.paragraph - b.paragraph || a.start - b.start);
  const genders = new Map<string, Gender>();
  for (const person of people.values()) {
    const tags = lexiconTags(person.tokens[0]);
    if (tags.includes('MaleName')) vote(person, 'male', 1);
    if (tags.includes('FemaleName')) vote(person, 'female', 1);
    const votes = genderVotes.get(person.key);
    if (votes && votes.male !== votes.female) genders.set(person.name, votes.male > votes.female ? 'male' : 'female');
  }

  for (const site of sites) {
    const rule = organisationRule.get(site.key);
    if (rule) organisations.push({ name: site.tokens.join(' '), paragraph: site.paragraph, start: site.start, end: site.end, rule });
  }

  const firstSeen = new Map<string, number>();
  mentions.forEach((mention, order) => {
    if (!firstSeen.has(mention.person)) firstSeen.set(mention.person, order);
  });
  const ordered = [...people.values()]
    .filter((person) => firstSeen.has(person.name))
    .sort((a, b) => firstSeen.get(a.name)! - firstSeen.get(b.name)!)
    .map(({ name, description, rule }) => ({ name, description: description ? tidyDescription(description) : null, rule }));
  return { people: ordered, mentions, organisations, genders };
}

/** "… Dr. Priya Natesan. She is an assistant professor …": the next sentence opens with the person's pronoun. */
const NEXT_SENTENCE_PRONOUN = /^[^.!?"“”«»]{0,200}[.!?]\s+(He|She|His|Her)\b/u;

const isLatinName = (tokens: readonly string[]) => tokens.every((token) => /^[\p{Script=Latin}\p{M}'’.-]+$/u.test(token));
/** Consonants as romanisations keep them ("Гнатюк" -> "Gnatyuk" ~ "Hnatiuk"): vowels, h/g and doubled letters aside. */
const consonants = (token: string) =>
  transliterate(token)
    .normalize('NFD')
    .toLowerCase()
    .replace(/h/g, 'g')
    .replace(/[^a-z]|[aeiouyjw]/g, '')
    .replace(/(.)\1+/g, '$1');
/** The consonants of every word, when each has two or more: what sameLetters compares, as one key. */
const lettersKey = (tokens: readonly string[]): string | null => {
  const letters = tokens.map(consonants);
  return letters.every((word) => word.length >= 2) ? letters.join(' ') : null;
};
const sameLetters = (latin: readonly string[], other: readonly string[]) =>
  latin.length === other.length &&
  latin.every((token, index) => consonants(token).length >= 2 && consonants(token) === consonants(other[index]));

const honorificGender = (titles: readonly string[]): Gender | undefined =>
  titles.map((title) => HONORIFIC_GENDER[lower(title)]).find(Boolean);
/** "Her father, Mykola,": the description's head noun is a gendered role or kinship ("Court of King's Bench Justice" is not). */
function describedGender(description: string | null | undefined): Gender | undefined {
  const head = description
    ?.toLowerCase()
    .split(/\s+(?:of|at|for|from|in|with|to)\s+/u)[0]
    .match(/\p{L}+$/u)?.[0];
  return head ? GENDERED_NOUNS.get(head) : undefined;
}

/** "Sunil Gohil, …, who has run the store with his wife": "he", "his" or "she" in the name's own sentence. */
function pronounInSentenceAfter(site: Site): Gender | undefined {
  const pronoun = /^[^.!?"“”«»]{0,120}?\b(he|his|she)\b/iu.exec(site.after)?.[1].toLowerCase();
  return pronoun ? (pronoun === 'she' ? 'female' : 'male') : undefined;
}

/** "RK", "GP": a transcript label made of a speaker's initials. */
const INITIALS_LABEL = /^\p{Lu}{2,3}$/u;
const initialsOf = (person: Person) =>
  person.tokens
    .filter((token) => /^\p{Lu}/u.test(token))
    .map((token) => token[0])
    .join('');

/** A single word is a known name when the lexicon tags it as one or the copy says it is a name. */
function isKnownName(site: Site): boolean {
  return lexiconTags(site.tokens[0]).includes('Person') || /\bname (?:only )?as\s+$|\bnamed\s+$|\bcalled\s+$/u.test(site.beforeName);
}

function tidyDescription(description: string): string {
  return description
    .replace(/\s+/g, ' ')
    .replace(/[\s,;:]+$/u, '')
    .trim();
}
