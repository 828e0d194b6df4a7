import { normalizePersonName } from '../person/person-name';
import type { ExtractionRule } from './extraction-rule';
import { INVERTED_SPEECH_VERBS, lower, NON_PERSON_WORDS, SPEECH_VERBS } from './lexicon';
import { appositiveAfter, appositiveBefore, isGivenName, isRoleOrTitle, isUncasedName, lexiconTags } from './role-phrase';

/** A capitalised run of the body that may name a person, with the copy around it. */
export interface NameSite {
  /** The name, without the titles before it ("Ian Moss"). */
  tokens: string[];
  /** Titles inside the run ("Detective Sergeant"). */
  titleTokens: string[];
  /** The whole run as written ("Detective Sergeant Ian Moss"). */
  run: string;
  /** The paragraph before the run / before the name (titles included) / after the name. */
  before: string;
  beforeName: string;
  after: string;
  /** Role words before the run ("winger", "Kremlin spokesperson"). */
  rolePhrase: string[];
  /** Neighbours in a list of names ("A, B and C"), by normalised key. */
  listedWith: string[];
  article: ArticleNames;
}

/** What the whole article says about names, for the rules that need more than one sentence. */
export interface ArticleNames {
  /** Normalised keys compromise's lexicon tags as people / organisations / places. */
  taggedPeople: Set<string>;
  taggedOrganisations: Set<string>;
  taggedPlaces: Set<string>;
  /** Keys already found to be people (filled between the two passes). */
  people: Set<string>;
  /** The copy reads as English, as the rules expect. */
  englishCopy: boolean;
  /** How often each single capitalised word stands alone (a surname referring back), by normalised key. */
  singleWords: Map<string, number>;
  /** Plural words the copy uses for a group ("the Kestrels", "Rhinos travel"), by normalised key. */
  teamWords: Set<string>;
}

/** A name rule; the flags say how much its evidence weighs against other rules. */
export interface NameRule extends ExtractionRule<NameSite, true> {
  /** Person evidence enough for one word to be a person of its own ("Mr Okafor", "his wife Ana", "Derek, 86,"). */
  namesOneWord?: boolean;
  /** Evidence that makes one word a person when the lexicon knows it as a given name ("Hassan said"). */
  namesKnownName?: boolean;
  /** Not-a-person evidence that outweighs a title or an age elsewhere in the copy ("near Bishop Middleham"). */
  outweighsTitle?: boolean;
}
const yes = (condition: boolean): true | null => (condition ? true : null);

const SPEECH_VERB = `(?:${[...SPEECH_VERBS].join('|')})`;
/** A speech verb after the name, possibly past an appositive, an age or a relative clause in commas. */
const SPEECH_AFTER = new RegExp(`^(?:(?:,[^,"“”«»]{1,160}){1,2},)?\\s+(?:\\p{Ll}+ly\\s+)?${SPEECH_VERB}\\b`, 'u');
const CLAUSE_VERB_AFTER = /^\s+(?:could|would|will|may|might|can|should|must|is|was|has|had|have|were|are|did|does|fell|rose)\b/u;
const INVERTED_BEFORE = new RegExp(`\\b(?:${[...INVERTED_SPEECH_VERBS].join('|')})\\s+$`, 'u');

const KINSHIP_BEFORE =
  /(?:\b(?:[Hh]is|[Hh]er|[Tt]heir|[Mm]y|[Oo]ur|[Yy]our)|\p{Lu}[\p{L}-]*['’]s?)\s+(?:(?:late|eldest|youngest|younger|older|elder|twin|step)\s+)?(?:husband|wife|partner|son|sons|daughter|daughters|children|child|brother|brothers|sister|sisters|mother|father|mum|mom|dad|grandson|granddaughter|grandchildren|nephew|niece|fiancé|fiancée|widow|widower)(?:\s+of\s+\d+\s+years)?,?\s+(?:\p{Lu}[\p{L}'’-]+(?:,\s+|\s+and\s+))*$/u;

/**
 * Evidence that a capitalised run names a person. A full name needs one of these somewhere in the
 * copy; without any, "Abu Dhabi" and "Mill Lane" would be people. First match wins.
 */
export const PERSON_EVIDENCE_RULES: readonly NameRule[] = [
  {
    name: 'title-before-name',
    quiet: 'The President Hotel and the General Assembly Hall were closed.',
    namesOneWord: true,
    description: 'A title or role inside the capitalised run: "Detective Sergeant Ian Moss".',
    example: { copy: 'Detective Sergeant Ian Moss led the search of the flat.', person: 'Ian Moss' },
    match: (site) => yes(site.titleTokens.length > 0),
  },
  {
    name: 'role-before-name',
    quiet: 'The report by consultancy firm Hollis Barrow was published on Monday.',
    namesOneWord: true,
    description: 'Lower-case role words right before the name: "planning director Ruth Okafor", "winger Tevita Maka".',
    example: { copy: 'The tries went to winger Tevita Maka in the second half.', person: 'Tevita Maka' },
    match: (site) => yes(site.rolePhrase.length > 0),
  },
  {
    name: 'appositive-role-after',
    description: 'A role in commas after the name: "Yuri Ushakov, a foreign policy adviser, …".',
    example: { copy: 'Yuri Ushakov, a foreign policy adviser, spoke first.', person: 'Yuri Ushakov' },
    match: (site) => yes(appositiveAfter(site.after) !== null),
  },
  {
    name: 'appositive-role-before',
    namesOneWord: true,
    description: 'A role in commas before the name: "The local government minister, Samuel Oduya, …".',
    example: { copy: 'The local government minister, Samuel Oduya, opened the session.', person: 'Samuel Oduya' },
    match: (site) => yes(appositiveBefore(site.beforeName) !== null),
  },
  {
    name: 'age-after-name',
    quiet: 'Route 66, 120, and the old Crown Inn were on the tour.',
    namesOneWord: true,
    description: 'An age in commas: "Grace Otieno, 34, …", "박정숙 (Park Jeong-suk), 78, …".',
    example: { copy: 'Grace Otieno, 34, was at home when the water rose.', person: 'Grace Otieno' },
    match: (site) => yes(AGE_AFTER.test(site.after)),
  },
  {
    name: 'speech-verb-after-name',
    quiet: 'Northgate Holdings said on Tuesday that sales fell.',
    namesKnownName: true,
    description: 'The name is the subject of a speech verb: "Laura Becker said", "Becker, who …, told".',
    example: { copy: 'Laura Becker said the plant would close by June.', person: 'Laura Becker' },
    match: (site) => yes(SPEECH_AFTER.test(site.after)),
  },
  {
    name: 'speech-verb-before-name',
    quiet: 'Prices rose, said Statistics Canada.',
    namesKnownName: true,
    description: 'An inverted attribution: "…, said Teresa Okonkwo".',
    example: { copy: '"We are ready," said Teresa Okonkwo.', person: 'Teresa Okonkwo' },
    // "said Brent could test $62": the name starts a clause of its own.
    match: (site) => yes(INVERTED_BEFORE.test(site.beforeName) && !CLAUSE_VERB_AFTER.test(site.after)),
  },
  {
    name: 'relative-who',
    quiet: 'Greenfield Rovers, who won the cup last year, were knocked out.',
    description: 'A full name followed by "who": "Gearóid Breathnach, who canvassed in Oughterard, …".',
    example: { copy: 'Gearóid Breathnach, who canvassed in Oughterard on Tuesday, was more upbeat.', person: 'Gearóid Breathnach' },
    match: (site) => yes(site.tokens.length >= 2 && /^,\s+who\b/u.test(site.after)),
  },
  {
    name: 'kinship-before-name',
    quiet: 'Her husband said the house on Mill Lane was sold.',
    namesOneWord: true,
    description: 'Named as someone\'s relative, a first name alone too: "his wife Ana", "their children Alison, Stephen and Joanne".',
    example: { copy: 'She is survived by her husband, Derek, and their children Alison, Stephen and Joanne.', person: 'Stephen' },
    match: (site) => yes(KINSHIP_BEFORE.test(site.beforeName.slice(-160))),
  },
  {
    name: 'identified-as',
    description: 'Identified or named as someone: "Police identified the man as Darnell Ocheltree-Banks".',
    example: { copy: 'Police identified the man as Darnell Ocheltree-Banks, of Ward Street.', person: 'Darnell Ocheltree-Banks' },
    match: (site) => yes(site.tokens.length >= 2 && IDENTIFIED_AS_BEFORE.test(site.beforeName.slice(-80))),
  },
  {
    name: 'named-only-as',
    namesOneWord: true,
    description: 'Introduced by a name alone: "a vendor who gave only her nickname, Noi,", "who gave his name only as Hassan".',
    example: { copy: 'At a noodle stall, a vendor who gave only her nickname, Noi, said she had not decided.', person: 'Noi' },
    match: (site) => yes(NAMED_ONLY_AS.test(site.beforeName.slice(-60))),
  },
  {
    name: 'according-to-name',
    quiet: 'According to Statistics Canada, prices rose 2%.',
    description: '"According to Bruno Salgado, …".',
    example: { copy: 'According to Bruno Salgado, the plant will close.', person: 'Bruno Salgado' },
    match: (site) => yes(/\baccording to\s+$/iu.test(site.beforeName)),
  },
  {
    name: 'given-name-lexicon',
    quiet: 'Shares in Marlow Tate fell 3% on Monday.',
    description: 'compromise\'s lexicon knows the name as a person\'s (many given names): "Daniel Osborne".',
    example: { copy: 'The club paid tribute to Daniel Osborne on Sunday.', person: 'Daniel Osborne' },
    match: (site) => yes(site.article.taggedPeople.has(keyOfTokens(site.tokens))),
  },
  {
    name: 'other-script-name',
    description: 'A full name in another script inside English copy: "Στέλιος Αναστασίου scored 15".',
    example: { copy: 'Marcus Bell scored 19 and Στέλιος Αναστασίου 15 for the visitors.', person: 'Στέλιος Αναστασίου' },
    match: (site) =>
      yes(
        site.article.englishCopy &&
          !site.tokens.some((token) => /\p{Script=Latin}/u.test(token)) &&
          (site.tokens.length >= 2 || isUncasedName(site.tokens[0])),
      ),
  },
  {
    name: 'surname-alone-later',
    quiet: 'Kestrel Partners raised its target. Kestrel now sees the shares at $40.',
    description:
      'A given name and surname, with the surname alone elsewhere, as news copy refers back to people: "Kit Pemberton" … "Pemberton".',
    example: {
      copy: 'McLaren had Kit Pemberton nine seconds clear.\n\nPemberton finished fourth. Pemberton still leads by 11 points.',
      person: 'Kit Pemberton',
    },
    match: (site) => {
      if (site.tokens.length !== 2 || !site.tokens.every((token) => /^\p{Lu}\p{Ll}/u.test(token))) return null;
      const alone = site.article.singleWords.get(keyOfTokens(site.tokens.slice(-1))) ?? 0;
      // "Milwaukee Ironmen" … "the Ironmen": a team named after its city; "Former Kingsmere": a title and a club.
      const place = site.article.taggedPlaces.has(keyOfTokens(site.tokens.slice(0, 1))) || isRoleOrTitle(site.tokens[0]);
      return yes(!place && (alone >= 2 || (alone >= 1 && isGivenName(site.tokens[0]))));
    },
  },
  {
    name: 'listed-with-people',
    quiet: 'Ana Lima, Brightwater Foods and the city council signed the letter.',
    description: 'A full name in a list with people ("A, B and C"): team sheets, casts, families.',
    example: {
      copy: 'Winger Tevita Maka scored twice.\n\nMariners: Kieran Ah-Sam, Tevita Maka, Josh Pennington.',
      person: 'Kieran Ah-Sam',
    },
    match: (site) => yes(site.tokens.length >= 2 && site.listedWith.some((key) => site.article.people.has(key))),
  },
];

const PLURAL_VERB_AFTER = /^\s+(?:say|have|are|were|want|believe|insist|argue|claim|warn|do|don['’]t|accuse)\b/u;
const FOR_AN_ORGANISATION =
  /\b(?:spokesperson|spokesman|spokeswoman|spokespeople|representative|analysts?|economists?|strategists?|officials?|staff|members?|lawyers?|employees?|chief|head|director|executive|manager|owner|founder)\s+(?:for|from|of|at|with)\s+(?:the\s+)?(?:(?:\p{Lu}[\p{L}\p{M}'’-]*\s+){1,5}[-–—]\s+)?$/iu;

/** ", 34," after a name, or after a name in brackets. */
export const AGE_AFTER = /^\)?,\s*(?:1[01]\d|\d{1,2}),/u;
/** "Police identified the man as Darnell Ocheltree-Banks". */
const IDENTIFIED_AS_BEFORE = /\b(?:identified|named)\s+(?:(?:him|her|them|the|a|an)\s+)?(?:[\p{Ll}-]+\s+){0,3}as\s+$/u;
const NAMED_ONLY_AS = /\b(?:name|nickname|first name)(?:\s+only)?(?:\s+as)?,?\s+$/u;
/** "the reformist Kao Na party": a kind of organisation right after the name. */
const ORGANISATION_NOUN_AFTER =
  /^\s+(?:party|group|company|firm|movement|alliance|coalition|brand|chain|campaign|network|foundation|charity|union|club|team|bank|agency|trust|council|board)\b/u;
/** One capitalised word of a name in a list ("Al", "Barsha", "O'Neill"). */
const CAPITALISED_WORD = String.raw`\p{Lu}[\p{L}\p{M}&'’.-]*`;
/** One item of a list of names: up to four capitalised words, separated by spaces (never by nothing: no backtracking). */
const LIST_ITEM = String.raw`${CAPITALISED_WORD}(?:\s+${CAPITALISED_WORD}){0,3}`;
/** An item of a list with what ends it: "Mirdif, ", "Al Barsha and ". */
const LISTED = String.raw`${LIST_ITEM}(?:,\s+(?:and\s+)?|\s+and\s+)`;
const PLACE_PREPOSITION_BEFORE = /\b(?:in|near|outside)\s+$/u;
/** The places listed after "in" ("in Mirdif, Al Barsha and Al Warqa"); "in Eastpoint, Wendell Crumpler, 68," is no list. */
const PLACE_LIST_BEFORE = new RegExp(String.raw`\b(?:in|near|outside)\s+(?:${LISTED})+$`, 'u');
const LIST_GOES_ON_AFTER = new RegExp(String.raw`^(?:,\s+${LIST_ITEM})*,?\s+and\s+\p{Lu}`, 'u');
// "Speaking in Belfast, Michelle O'Neill and Emma Little-Pengelly said": a given name is no place in a list.
const inPlace = (before: string, after: string, first: string) =>
  PLACE_PREPOSITION_BEFORE.test(before) ||
  (!isGivenName(first) &&
    PLACE_LIST_BEFORE.test(before.slice(-160)) &&
    (/\band\s+$/u.test(before) || LIST_GOES_ON_AFTER.test(after.slice(0, 120))));
/** "Her company, Sparkline Robotics, …": named as a company, a charity, a union. */
const ORGANISATION_APPOSITIVE_BEFORE =
  /\b(?:company|firm|employer|charity|start-?up|group|union|party|agency|brand|chain|retailer|bank|lender|insurer|brokerage|business|club|team|school|university|council|newspaper|channel|broadcaster|publisher|organi[sz]ation)\s*,\s*$/iu;
/** "ratings agency Castell Ratings", "frozen-foods maker Pell": a lower-case kind of organisation right before the name. */
const ORGANISATION_NOUN_BEFORE =
  /\b(?:agency|company|firm|brokerage|bank|lender|insurer|retailer|carmaker|automaker|airline|chain|maker|producer|miner|developer|operator|charity|conglomerate|supermarket|broadcaster|publisher|regulator|watchdog)\s+$/u;
const WHOSE_OFFICERS =
  /^,\s+whose\s+(?:[\p{L}-]+\s+){0,2}?(?:president|vice-president|chairman|chairwoman|chair|chief|ceo|director|directors|spokesperson|spokesman|spokeswoman|members|shareholders|employees|staff|founder|owners?|board)\b/iu;

/** "Department of Environment and", "Ministry of": an organisation's head before the rest of its name. */
const ORGANISATION_OF_BEFORE = new RegExp(
  String.raw`\b(?:Department|Ministry|Office|Institute|University|Bureau|Board|Commission|Council|Agency|School|College|Museum|Society|Association|Federation|Union|Centre|Center|Authority|Directorate|Foundation)\s+(?:of|for)\s+(?:the\s+)?${LIST_ITEM},?\s+(?:and|&)\s+$`,
  'u',
);
/** "at the Old Bailey", "in the Donegal Gaeltacht": people take no article after a preposition. */
const PREPOSITION_THE_BEFORE = /\b(?:at|in|into|on|onto|from|outside|inside|near|across|around|through|throughout)\s+the\s+$/u;
/** "areas such as Gaoth Dobhair, Cloich Cheann Fhaola and Na Rosa": places listed by kind. */
const PLACES_LISTED_BEFORE = new RegExp(
  String.raw`\b(?:areas|towns|villages|places|regions|counties|districts|cities|countries|parishes|suburbs|neighbourhoods|neighborhoods|provinces|states|islands)\s+(?:such as|including|like|in)\s+(?:${LISTED})*$`,
  'u',
);
/** "shares in A, B and", "a stake in": a company, or a list of companies, comes next. */
const SHARES_IN_BEFORE = new RegExp(
  String.raw`\b(?:[Ss]hares|[Ss]tocks?|[Bb]onds|[Ss]hareholders|[Aa] stake|[Ss]takes)\s+(?:in|of)\s+(?:${LISTED})*$`,
  'u',
);
// "Elon Musk's shares in Tesla" are a person's.
const SHARES_AFTER = /^\s+(?:shares|stock|share price|shareholders|bonds)\b/u;

/** Evidence that a capitalised run names an organisation or a place: it is then never a person. */
export const NOT_A_PERSON_RULES: readonly NameRule[] = [
  {
    name: 'organisation-word',
    quiet: 'Park Jeong-suk, 78, said the rent had doubled.',
    outweighsTitle: true,
    description: 'A word that heads organisations and places: "Harbor Authority", "Harlow Equities", "Mill Lane".',
    example: { copy: '"Prices will fall," Harlow Equities said.', notPerson: 'Harlow Equities' },
    // A first word such as "Park" is also a surname: with an age or a title, "Park Jeong-suk" is a person.
    match: (site) =>
      yes(
        site.tokens.some(
          (token, index) =>
            NON_PERSON_WORDS.has(lower(token)) &&
            (index > 0 || site.tokens.length === 1 || (!site.titleTokens.some(isRoleOrTitle) && !AGE_AFTER.test(site.after))),
        ),
      ),
  },
  {
    name: 'firm-ampersand',
    outweighsTitle: true,
    description: 'Joined to another name by an ampersand: "Webb & Sons Builders", "Pemberton & Co".',
    example: { copy: 'Alder Webb & Carter Rowe won the tender.', notPerson: 'Alder Webb' },
    match: (site) => yes(/&\s*$/u.test(site.beforeName) || /^\s*&/u.test(site.after)),
  },
  {
    name: 'for-an-organisation',
    quiet: 'A spokesperson for Mayor Laura Becker said the site was safe.',
    description:
      'Named as what someone speaks or works for: "a spokesperson for Castle Meadow", "analysts at Kestrel Rowe", "for Health New Zealand - Te Whatu Ora".',
    example: { copy: 'A spokesperson for Castle Meadow said the site was safe.', notPerson: 'Castle Meadow' },
    match: (site) => yes(site.titleTokens.length === 0 && FOR_AN_ORGANISATION.test(site.beforeName)),
  },
  {
    name: 'traded-company',
    quiet: "Shares of Warren Buffett's Berkshire Hathaway rose.",
    description: 'What is traded or held: "shares in Hollis Barrow, Marlow Tate and Penfold Reid", "Marlow Tate shares fell".',
    example: { copy: 'Shares in Hollis Barrow, Marlow Tate and Penfold Reid fell on Monday.', notPerson: 'Marlow Tate' },
    // "shares of Warren Buffett's Berkshire Hathaway": the owner of the company is someone.
    match: (site) =>
      yes(
        site.titleTokens.length === 0 &&
          ((SHARES_IN_BEFORE.test(site.beforeName.slice(-160)) && !/^['’]/u.test(site.after)) ||
            (SHARES_AFTER.test(site.after.slice(0, 40)) && !/['’]s?$/u.test(site.run))),
      ),
  },
  {
    name: 'inside-organisation-name',
    description: 'The rest of an organisation\'s name after "of" or "and": "the Department of Environment and Climate Change".',
    example: {
      copy: 'A spokesperson for the Department of Environment and Climate Change said the process was followed.',
      notPerson: 'Climate Change',
    },
    // "Officials from the Ministry of Finance and Paul Ryan met": a given name starts a person.
    match: (site) =>
      yes(site.titleTokens.length === 0 && !isGivenName(site.tokens[0]) && ORGANISATION_OF_BEFORE.test(site.beforeName.slice(-120))),
  },
  {
    name: 'team-name',
    description: 'Ends in a plural the copy uses for a group: "Sukkur Herons" (with "the Herons"), "Kitale Rhinos" ("Rhinos travel").',
    example: {
      copy: 'Sukkur Herons beat Mardan Kestrels by six wickets. The Kestrels had posted 172 and the Herons chased it down.',
      notPerson: 'Sukkur Herons',
    },
    match: (site) => {
      const last = site.tokens[site.tokens.length - 1];
      const tags = lexiconTags(last);
      return yes(
        site.tokens.length >= 2 &&
          site.titleTokens.length === 0 &&
          tags.includes('Plural') &&
          !tags.includes('Person') &&
          site.article.teamWords.has(keyOfTokens([last])),
      );
    },
  },
  {
    name: 'places-listed',
    description: 'Listed after a kind of place: "Gaeltacht areas such as Gaoth Dobhair, Cloich Cheann Fhaola and Na Rosa".',
    example: {
      copy: 'The rule would apply in Gaeltacht areas such as Gaoth Dobhair, Cloich Cheann Fhaola and Na Rosa.',
      notPerson: 'Cloich Cheann Fhaola',
    },
    match: (site) => yes(site.titleTokens.length === 0 && PLACES_LISTED_BEFORE.test(site.beforeName.slice(-160))),
  },
  {
    name: 'definite-article',
    quiet: 'The Rev Ama Owusu said the church would stay open.',
    description:
      'A definite article before a name that acts on its own or after a preposition: "the Blue Lantern said", "at the Old Bailey".',
    example: { copy: 'The Blue Lantern said on Tuesday it would appeal.', notPerson: 'Blue Lantern' },
    match: (site) =>
      yes(
        site.titleTokens.length === 0 &&
          site.tokens.length >= 2 &&
          ((/(?:^|\s)the\s+$/iu.test(site.beforeName) && /^(?:\s+(?:\p{Ll}+(?:s|ed)|said)\b|\s*[,.;:])/u.test(site.after)) ||
            // "in the Nelson Mandela era": a name used as a modifier is still a name.
            (PREPOSITION_THE_BEFORE.test(site.beforeName.slice(-20)) &&
              !/^\s+\p{Ll}+\b(?<!\s(?:in|on|at|of|and|for|to|with|by|from|as))/u.test(site.after))),
      ),
  },
  {
    name: 'plural-verb-after',
    quiet: 'Ana Lima and Tomás Ruiz say the vote was rigged.',
    description: 'The subject of a plural verb: "Northern Voice say the vote was rigged".',
    example: { copy: 'Northern Voice say the vote was rigged.', notPerson: 'Northern Voice' },
    // "Hannah Weiss and Luis Ortega have argued": a list of people takes a plural verb too.
    match: (site) =>
      yes(
        site.tokens.length >= 2 &&
          site.listedWith.length === 0 &&
          !/\band\s+$/u.test(site.beforeName) &&
          PLURAL_VERB_AFTER.test(site.after),
      ),
  },
  {
    name: 'relative-which',
    quiet: 'Laura Becker, whose company runs the line, said services were normal.',
    description: 'Followed by "which": "Redfern Light, which runs the line, …".',
    example: { copy: 'Redfern Light, which runs the line, said services were normal.', notPerson: 'Redfern Light' },
    match: (site) => yes(/^,?\s+which\b/u.test(site.after)),
  },
  {
    name: 'appositive-organisation',
    outweighsTitle: true,
    description: 'Named as a company, charity or union: "Her company, Sparkline Robotics, …", "ratings agency Castell Ratings".',
    example: { copy: 'Her company, Sparkline Vision, now runs 1,400 robots.', notPerson: 'Sparkline Vision' },
    match: (site) =>
      yes(
        (site.titleTokens.length === 0 && ORGANISATION_APPOSITIVE_BEFORE.test(site.beforeName.slice(-80))) ||
          ORGANISATION_NOUN_BEFORE.test(site.before.slice(-40)), // "the charity Victim Support"
      ),
  },
  {
    name: 'organisation-noun-after',
    description: 'Followed by the kind of organisation it is: "the reformist Kao Na party", "the Bright Futures campaign".',
    example: { copy: 'Pakorn is running for the reformist Kao Na party in Khon Kaen.', notPerson: 'Kao Na' },
    match: (site) => yes(site.titleTokens.length === 0 && ORGANISATION_NOUN_AFTER.test(site.after)),
  },
  {
    name: 'bracketed-list-after-name',
    description: 'In a bracketed list after a name, as party and ward are given: "Cllr Rhian Okoro (Liberal Democrat, Melksham North)".',
    example: { copy: 'Cllr Rhian Okoro (Liberal Democrat, Melksham North) voted against the plan.', notPerson: 'Melksham North' },
    match: (site) => {
      // The brackets around the run, opened right after a word, holding a list (one name alone is an alias: "佐藤健一 (Kenichi Sato)").
      const opened = /\p{L}\s+\(([^()]*)$/u.exec(site.before);
      const closed = /^([^()]*)\)/u.exec(site.after);
      // "(Usman Niazi 66, Adeel Shinwari 31; …)": a scorecard lists players with their figures.
      const inside = opened !== null && closed !== null ? `${opened[1]}${closed[1]}` : '';
      return yes(inside.includes(',') && !/\d/u.test(inside));
    },
  },
  {
    name: 'quoted-name',
    description: 'Wrapped in quote marks: a slogan, a title or a campaign ("Save Garfield" on T-shirts).',
    example: { copy: 'Parents wore T-shirts reading "Save Garfield" to the meeting.', notPerson: 'Save Garfield' },
    match: (site) => yes(/["“‘']$/u.test(site.before) && /^["”’']/u.test(site.after)),
  },
  {
    name: 'whose-officers',
    description: 'Has officers, members or shareholders: "Donghai Shipbuilding, whose vice president …".',
    example: {
      copy: 'Rivals such as Donghai Shipbuilding, whose vice president spoke in May, are expanding.',
      notPerson: 'Donghai Shipbuilding',
    },
    match: (site) => yes(WHOSE_OFFICERS.test(site.after)),
  },
  {
    name: 'place-preposition',
    quiet: 'In March Priya Natesan said the trial would end.',
    outweighsTitle: true,
    description: 'After "in" or "near": "the stabbing in Cheadle Heath", "near Bishop Middleham".',
    example: { copy: 'The stabbing happened in Cheadle Heath on Friday night.', notPerson: 'Cheadle Heath' },
    match: (site) => {
      // "to head in Theo Marchetti’s corner": a given name owning something is a person.
      if (/['’]s?$/u.test(site.run) && isGivenName(site.tokens[0])) return null;
      return yes(
        site.titleTokens.length === 0
          ? (site.tokens.length >= 2 || !/['’]s?$/u.test(site.run)) && inPlace(site.beforeName, site.after, site.tokens[0])
          : inPlace(site.before, site.after, site.tokens[0]), // "near Bishop Middleham"
      );
    },
  },
  {
    name: 'ends-with-place',
    description: 'Ends in a place: "Fire and Emergency New Zealand", "Infrastructure Australia" (not a name the lexicon knows).',
    example: {
      copy: 'In a statement, Fire and Emergency New Zealand said crews had carried out 14 rescues.',
      notPerson: 'Emergency New Zealand',
    },
    match: (site) => {
      if (site.titleTokens.length > 0) return null;
      const endsWith = (size: number) => site.tokens.length > size && site.article.taggedPlaces.has(keyOfTokens(site.tokens.slice(-size)));
      // Two words ending in a country ("Infrastructure Australia"), unless the lexicon knows a person ("Ben England").
      const twoWords =
        site.tokens.length === 2 &&
        endsWith(1) &&
        !site.article.taggedPeople.has(keyOfTokens(site.tokens)) &&
        !isGivenName(site.tokens[0]) &&
        !lexiconTags(site.tokens[0]).includes('Person'); // "Jordan Stanwick"
      return yes(twoWords || (site.tokens.length >= 3 && (endsWith(2) || endsWith(3))));
    },
  },
  {
    name: 'party-and-district',
    description: 'A US party and district tag: "Rep. Maria Ortiz, D-El Paso, …".',
    example: { copy: 'State Rep. Maria Ortiz, D-El Paso, filed the amendment.', notPerson: 'D-El Paso' },
    match: (site) => yes(/^[DRI]-\p{Lu}/u.test(site.tokens[0])),
  },
  {
    name: 'tagged-organisation-or-place',
    description: 'compromise\'s lexicon knows it as an organisation or a place: "Goldman Sachs", "Tamil Nadu".',
    example: { copy: 'Goldman Sachs advised on the deal, it said.', notPerson: 'Goldman Sachs' },
    match: (site) => {
      const key = keyOfTokens(site.tokens);
      return yes(site.article.taggedOrganisations.has(key) || (site.article.taggedPlaces.has(key) && site.titleTokens.length === 0));
    },
  },
];

/** A name's identity key from its words, as people and the rules compare them. */
export const keyOfTokens = (tokens: readonly string[]) => normalizePersonName(tokens.join(' '));
