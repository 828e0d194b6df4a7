/**
 * Word lists the extractors use. General English newsroom vocabulary: nothing here names a
 * person, place or story.
 */

const words = (text: string) =>
  new Set(
    text
      .trim()
      .split(/\s+/)
      .map((word) => word.toLowerCase()),
  );

/** Nouns that say what someone is: "Kremlin spokesperson", "a logistics analyst". */
export const ROLE_NOUNS = words(`
  spinner batter seamer paceman wicketkeeper allrounder all-rounder flyhalf scrumhalf outside-half loosehead tighthead cleaner cleaners
  chieftain stalwart caller dispatcher interviewer interviewee presenter narrator
  president president-elect vice-president minister secretary spokesperson spokesman spokeswoman adviser advisor
  leader chief head chairman chairwoman chair chairperson director governor senator congressman congresswoman
  representative mayor ambassador envoy official commander general chancellor premier king queen prince princess
  pope emperor ceo cfo coo cto founder co-founder executive manager coach captain player striker goalkeeper judge
  lawyer attorney prosecutor professor lecturer analyst economist researcher scientist biologist oceanographer
  physicist chemist historian author co-author writer novelist poet editor correspondent journalist reporter
  columnist conductor pianist violinist singer actor actress artist musician composer producer designer architect
  engineer doctor surgeon physician nurse teacher headteacher principal councillor councilor councilman
  councilwoman lawmaker legislator mp mep candidate activist campaigner officer inspector sergeant lieutenant
  colonel admiral cardinal bishop archbishop rabbi imam priest pastor sheikh emir deputy owner investor trader
  banker strategist consultant specialist expert organiser organizer negotiator mediator diplomat aide staffer
  commissioner superintendent detective constable treasurer justice magistrate sheriff marshal speaker secretary-general
  director-general spokespeople chef farmer resident residents student pilot commentator presenter host
  broadcaster athlete runner swimmer boxer cyclist midfielder defender forward batsman bowler jockey trainer
  mother father son daughter wife husband brother sister widow widower grandmother grandfather uncle aunt
  cousin friend neighbour neighbor colleague victim survivor witness relative seed champion titleholder
  incumbent challenger nominee pensioner retiree realtor shopkeeper landlord tenant paramedic firefighter
  coordinator nephrologist cardiologist oncologist psychologist psychiatrist pharmacist dentist midwife
  halfback fullback winger second-rower five-eighth flanker fly-half scrum-half
  rookie skipper all-rounder wicketkeeper mla mpp td msp reeve alderman
  manager spokesperson-designate chairman-elect secretary-designate headmaster headmistress dean provost
  chief-executive vice-chancellor taoiseach tánaiste mca mmc elder kaumātua recorder meteorologist forecaster
  sho dsp acp dcp cp broker agent undersecretary under-secretary referee umpire substitute team-mate teammate driver rider fisherman technician depute solicitor
  barrister advocate counsel pc member receiver linebacker quarterback kicker defenseman defenceman goalie
  goaltender cornerback pitcher catcher shortstop outfielder infielder tackle running-back
`);

/**
 * Positions that are also everyday words ("centre", "prop", "guard"): a role only in lower case
 * right before a name ("centre Josh Pennington"), never as a capitalised title.
 */
export const POSITION_NOUNS = words('centre center hooker prop lock guard opener keeper point-guard forward back safety end wing');

/** Capitalised titles that come before a name inside the capitalised run ("President", "Dr."). */
export const TITLE_WORDS = words(`
  majesty highness excellency eminence holiness lordship ladyship cr cr. garda gardaí det det. brig brig. supt
  president vice prime minister secretary governor senator sen sen. rep rep. gov gov. mayor chancellor premier
  councillor councilor king queen prince princess pope emperor general gen gen. lt lt. col col. capt capt.
  captain commander admiral sergeant sgt sgt. lieutenant colonel major-general brigadier dr dr. doctor mr mr.
  mrs mrs. ms ms. miss sir dame lord lady prof prof. professor judge justice ambassador envoy chairman chairwoman
  chair sheikh emir archbishop bishop cardinal rabbi imam father reverend rev rev. speaker commissioner chief
  director inspector detective officer coach co-author spokesperson spokesman spokeswoman president-elect
  foreign defence defense interior finance home state deputy acting former opposition shadow health justice
  education labour labor trade energy culture transport treasury attorney-general secretary-general leader
  minister-president crown first grand madam mdm madame mme monsieur herr frau señor señora signor signora
  recorder alhaji alhaja engr engr. barr barr. hon hon. chief pc ds dci undersecretary under-secretary atty atty. sp cp acp dsp cllr cllr. eng eng. whip assistant comrade dcop igp
`);

/** Title words that only qualify the title after them ("Health Minister", "Deputy Governor"): no title alone. */
export const TITLE_MODIFIERS = words(`
  vice foreign defence defense interior finance home state deputy acting former opposition shadow health education
  labour labor trade energy culture transport treasury crown first grand assistant
`);

/** Titles and suffixes abbreviated with a full stop that stays part of a name ("Det. Sgt.", "Jr."), as written. */
export const ABBREVIATED_NAME_WORDS =
  'Dr Mr Mrs Ms St Prof Sen Rep Gov Gen Lt Col Capt Sgt Det Insp Supt Rev Jr Sr Hon Mdm Engr Eng Barr Atty Cllr Cr'.split(' ');

/** Letters after a name that are not part of it ("Jonathan Ashcombe KC", "Jane Doe MP"). */
export const POST_NOMINALS = new Set('KC QC SC BL MP MSP MLA MEP TD OBE MBE CBE KBE DBE PhD MD Jr Jr. Sr Sr.'.split(' '));

/** Honorifics dropped from the stored name ("Dr. Amelia Hart" -> "Amelia Hart"). */
export const HONORIFICS = words(
  'dr dr. mr mr. mrs mrs. ms ms. miss sir dame lord lady prof prof. professor rev rev. reverend madam mdm madame mme monsieur herr frau señor señora signor signora alhaji alhaja engr engr. barr barr. hon hon. atty atty. cllr cllr. eng eng. comrade',
);

/** A capitalised run holding one of these names a place, organisation, team or event, not a person. */
export const NON_PERSON_WORDS = words(`
  agency authority ministry department council committee commission party union university institute alliance
  association foundation group bank company corporation corp corp. inc inc. ltd ltd. llc plc co co. news times
  post journal herald gazette tribune radio television tv press reuters rovers united city athletic fc club
  stadium court parliament senate house congress government republic kingdom states nations organization
  organisation forces army navy police service services securities research capital partners holdings industries
  airlines airways motors energy oil gas street road avenue square lane park bridge river sea ocean island
  islands mountains valley province region county district cup league championship festival museum library
  hospital school college church cathedral mosque temple palace hall centre center tower airport station port
  harbor harbour grove close drive crescent gardens place terrace hill way row quay wharf
  war day week month year philharmonic orchestra opera theatre theater ballet gallery studio
  studios records network channel review magazine daily weekly monthly online media sciences workers
  federation fund trust council's exchange index market markets summit conference forum treaty act bill accord
  monday tuesday wednesday thursday friday saturday sunday january february march april may june july august
  september october november december equities foods miners brigade brigades front petroleum project movement coalition
  greens mining minera coal mines affairs home homes assembly infrastructure infra sports hurricane typhoon
  cyclone storm estádio estadio stade stadion metals minerals resources office board family retail robotics dynamics health communications tribunal bureau directorate charity society stores supermarkets
  airline railways telecom pharmaceuticals pharma logistics shipping petrochemicals refinery enterprises
  ventures solutions technologies systems labs laboratories institute highway motorway route expressway
  hotel motel inn pub tavern restaurant cafe café mall resort casino
  water electric electricity utilities medicine clinic clinics provisions prize prizes award awards
`);

/** Sentence-initial function words that start a capitalised run without being part of a name. */
export const LEADING_FUNCTION_WORDS = words(`
  the a an in on at but and as if when after before while though although because since so yet or nor for with
  without by from to of this that these those its his her their our my your it he she they we i there here
  then also meanwhile however still even only just last next every each both all some many most more several
  according asked speaking during under over between among despite via per new earlier later today yesterday
  tomorrow
`);

/** Verbs that introduce or close reported speech. */
export const SPEECH_VERBS = words(`
  said says say saying stated states stating told tells telling added adds adding mentioned mentions remarked
  remarks noted notes noting explained explains explaining argued argues arguing warned warns warning insisted
  insists insisting claimed claims declared declares announced announces asked asks wrote writes writing posted
  tweeted continued continues replied replies responded responds recalled recalls recalling acknowledged
  acknowledges admitted admits emphasized emphasised emphasizes emphasises stressed stresses suggested suggests
  suggesting commented comments observed observes concluded concludes cautioned cautions predicted predicts
  urged urges questioned questions expressed expresses informed informs accused accuses described describes
  describing blamed blames called calls conceded concedes confirmed confirms denied denies promised promises vowed vows pledged pledges
  joked jokes laughed shouted whispered boasted boasts complained complains lamented laments maintained
  maintains reiterated reiterates underlined chanted chant chanting shouted shouting yelled screamed
  testified testifies pleaded told tells termed dismissed dismisses branded hailed hails slammed
  slams write tell add explain argue warn conclude insist remembers remembered citing
`);

/** Past tenses the lexicon also reads as nouns or present tenses ("beat", "lost"): they end a role phrase. */
export const PAST_TENSE_VERBS = words(
  'beat lost drew hit cut put set quit upset shut overcame outlasted rose fell ran came went sat stood',
);

/** Speech verbs that can come before their subject: `"…," said Teresa Okonkwo`. */
export const INVERTED_SPEECH_VERBS = words(
  'said says added asked wrote continued explained recalled insisted noted replied argued warned writes adds asks shouted yelled cried screamed',
);

/** Nouns that make a phrase an unnamed source: "a US official", "a person familiar with the matter". */
export const SOURCE_NOUNS = new Set([
  ...ROLE_NOUNS,
  ...words(`official officials source sources person people aide aides diplomat diplomats spokesman spokesperson
    spokeswoman insider insiders witness witnesses observer observers member members employee employees worker
    workers statement police government ministry department committee company union party team club neighbour
    neighbours neighbor neighbors resident residents relative relatives friend friends colleague colleagues
    man woman men women boy girl protester protesters demonstrator demonstrators teacher teachers volunteer
    volunteers patient patients parent parents shopper shoppers customer customers passenger passengers driver
    drivers voter voters fan fans supporter supporters crowd crowds placard placards sign signs banner banners
    note report post letter filing minutes spokespeople representative representatives analyst analysts
    economist economists lawyer lawyers doctor doctors nurse nurses officer officers bystander bystanders
    onlooker onlookers villager villagers farmer farmers student students owner owners staff leaflet graffiti authors
    researchers scientists experts investigators prosecutors officials organisers organizers commuter
    commuters motorist motorists mourner mourners local locals tourist tourists visitor visitors spectator spectators
    group organisation organization association charity agency council campaign alliance network body board
    commission firm authority army institute foundation society accused defendant brokerage bank lender regulator
    center centre service office bureau exchange court`),
]);

/** Unnamed groups that speak without an article: "analysts at Fairhurst Kemble said", "officials say". */
export const BARE_PLURAL_SOURCES = words(`
  analysts economists strategists officials residents witnesses sources protesters demonstrators organisers
  organizers prosecutors investigators researchers authors experts villagers neighbours neighbors teachers
  doctors nurses workers students parents
`);

export const PRONOUNS = words('he she they i we');

/** Abbreviations whose period does not end a sentence. */
export const ABBREVIATIONS = words(`
  mr mrs ms dr prof st sen rep gov gen lt col capt sgt rev jr sr engr eng barr hon atty cllr cr ma inc ltd co corp no vs etc jan feb mar apr jun
  jul aug sep sept oct nov dec u.s u.k e.g i.e a.m p.m mt ft
`);

/** Role nouns the copy uses for one another: "the judge said" of a "Justice". */
export const ROLE_SYNONYMS = new Map<string, string[]>([
  ['judge', ['justice', 'magistrate']],
  ['justice', ['judge']],
  ['prosecutor', ['attorney', 'counsel', 'crown']],
  ['lawyer', ['attorney', 'counsel', 'solicitor', 'barrister']],
  ['officer', ['detective', 'sergeant', 'constable', 'inspector']],
  ['detective', ['sergeant', 'inspector', 'constable']],
  ['doctor', ['dr', 'surgeon', 'physician', 'nephrologist']],
  ['coach', ['manager']],
  ['manager', ['coach']],
  ['cfo', ['financial', 'finance']],
  ['senator', ['sen']],
  ['cp', ['commissioner']],
  ['representative', ['rep']],
  ['governor', ['gov']],
  ['professor', ['prof']],
  ['sergeant', ['sgt']],
  ['attorney', ['atty', 'lawyer']],
  ['ceo', ['executive']],
]);

/** The commonest English words: how much of a text they make up says whether it is English. */
export const ENGLISH_FUNCTION_WORDS = words(`
  the and of to in a is that for on with said was he she it as at by from has have were are his her they
  not but be this will an had been who which their its would after
`);

/** English prose is about a third function words; other languages (and other scripts) nearly none. */
const MIN_ENGLISH_SHARE = 0.12;

/** Whether copy reads as English, the language the extraction rules are written for. */
export function looksEnglish(paragraphs: readonly string[]): boolean {
  const words =
    paragraphs
      .join(' ')
      .toLowerCase()
      .match(/\p{L}+/gu) ?? [];
  if (words.length === 0) return true;
  return words.filter((word) => ENGLISH_FUNCTION_WORDS.has(word)).length / words.length >= MIN_ENGLISH_SHARE;
}

/** Lexicon lookups are by lower-case word. */
export const lower = (token: string) => token.toLowerCase();

/** Role and kinship nouns that say whether "he" or "she" stands for someone: "Her father, Mykola,". */
const MALE_NOUNS = words(`father husband son brother grandfather grandson uncle nephew widower boyfriend stepfather dad
  chairman spokesman businessman congressman policeman fireman king prince`);
const FEMALE_NOUNS = words(`mother wife daughter sister grandmother granddaughter aunt niece widow girlfriend stepmother
  mum mom chairwoman spokeswoman businesswoman congresswoman policewoman queen princess`);
export const GENDERED_NOUNS = new Map<string, 'male' | 'female'>([
  ...[...MALE_NOUNS].map((word): [string, 'male'] => [word, 'male']),
  ...[...FEMALE_NOUNS].map((word): [string, 'female'] => [word, 'female']),
]);

/** Titles that are also given names: "their manager, Dean Chegwidden". */
export const TITLES_ALSO_GIVEN_NAMES = words('dean earl');
