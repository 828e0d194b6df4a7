import { joinParagraphs, summaryOf } from '../modules/article/article-text';
import { normalizePersonName } from '../modules/person/person-name';
import { seededRandom } from '../shared/seeded-random';
import { slugify } from '../shared/slug';

/**
 * A deterministic, realistic archive for demos and benchmarks (`npm run seed:demo`): articles
 * across sections and eleven years, people named with a long-tailed distribution (a few in
 * thousands of articles, most in a handful), about 5 mentions and 3 quotes per article, and about
 * 10 votes per article, also long-tailed. The same options always give the same rows.
 */
export interface DemoArchiveOptions {
  articles: number;
  /** People in the archive; 20,000 by default (fewer for a small archive). */
  people?: number;
  seed?: number;
}

export interface DemoPerson {
  id: number;
  slug: string;
  name: string;
  normalizedName: string;
  description: string | null;
  createdAt: Date;
}

export interface DemoArticle {
  id: number;
  slug: string;
  headline: string;
  section: string;
  publishedAt: Date;
  updatedAt: Date;
  createdAt: Date;
  storedStandfirst: string | null;
  summary: string | null;
  body: string;
  imageUrl: string | null;
  imageCredit: string | null;
  imageCaption: string | null;
  sourceUrl: string | null;
}

export interface DemoMention {
  articleId: number;
  personId: number;
  role: 'QUOTED' | 'MENTIONED';
  position: number;
  publishedAt: Date;
}

export interface DemoQuote {
  articleId: number;
  speakerId: number | null;
  text: string;
  attribution: string;
  paragraphIndex: number;
  position: number;
  publishedAt: Date;
}

export interface DemoVote {
  articleId: number;
  voterHash: string;
  stars: number;
}

/** One article with everything that hangs off it. */
export interface DemoStory {
  article: DemoArticle;
  mentions: DemoMention[];
  quotes: DemoQuote[];
  votes: DemoVote[];
}

const GIVEN = (
  'Amara Bogdan Chloé Dmitri Elif Farah Gustavo Hana Ilya Jonas Kemi Lars Maya Nikolai Olga Pedro Quentin Rania Sanjay Tomasz ' +
  'Uma Viktor Wen Ximena Yusuf Zainab Aisha Bruno Carmen Diego Emeka Fatima Giulia Hiroshi Ingrid Jamal Keiko Lucía Mateo Nadia ' +
  'Oskar Priya Rafael Sofia Tariq Ulrike Valentina Wiremu Yara Zoltan Adaeze Benoît Chiara Darius Esther Finn Grace Hamid Irene ' +
  'Jun Kofi Leila Marek Nour Omar Paula Ravi Sione Teresa Ugo Vera William Xavier Yuki Zofia Anders Beatriz Colm Dalia Ewa Felipe ' +
  'Goran Helen Ismail Jana Kwame Lina Mohammed Noor Orla Pavel Rosa Samir Tanvi Ulla Vikram Wanjiru Yosef Zeynep Alejandro Bronwyn ' +
  'Cheng Deepa Efua Fernando Gwen Hassan Isabel Jorge Kateryna Lorenzo Meera Nikos Oluwaseun Patrick Rahul Svetlana Thabo Ursula ' +
  'Abebe Birgit Caoimhe Dong Emre Freya Gabriel Halima Ivan Joanna Kaveh Lerato Miguel Ngozi Oren Pita Rukhsana Stefan Tendai ' +
  'Ulises Vusi Wei Yerlan Zara Ahmed Bea Ciarán Dina Erik Folake Gintaras Hye-jin Ines Jakub Kalani Luca Mariam Nils Ottilie ' +
  'Parisa Rustam Sakura Tomás Uzma Wojciech Yannick Zheng Agnieszka Bilal Chidi Dorota Eitan Fiona Gökhan Hinemoa Ilse Jasper'
).split(' ');
const FAMILY = (
  'Okafor Nowak Dubois Sokolov Yilmaz Haddad Pereira Sato Petrov Berg Adeyemi Lund Kowalski Moreau Ivanova Demir Khoury Santos ' +
  'Tanaka Volkov Lindqvist Mensah Nielsen Rossi García Fischer Costa Novak Horvat Jensen Papadopoulos Kim Nguyen Singh Patel ' +
  'Mwangi Otieno Achieng Kariuki Banda Phiri Dlamini Naidoo Botha Abdullah Rahman Hussain Chaudhry Iqbal Malik Fernandes Silva ' +
  'Oliveira Lopez Martínez Hernández Gómez Díaz Romero Navarro Torres Ramos Castillo Ortiz Morales Delgado Vargas Reyes Cruz ' +
  'Murphy Kelly Byrne Walsh Ryan Doyle Brennan Quinn Gallagher Campbell Stewart MacLeod Fraser Morgan Hughes Davies Evans Lewis ' +
  'Schmidt Weber Wagner Becker Hoffmann Schulz Koch Richter Klein Wolf Bauer Hartmann Lange Werner Krause Meier Brandt Vogel ' +
  'Zhang Wang Li Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Hu Guo Lin He Gao Luo Zheng Liang Xie Tang Han Feng Deng Cao Peng ' +
  'Bianchi Romano Colombo Ricci Marino Greco Bruno Gallo Conti Mancini Costa Giordano Rizzo Lombardi Moretti Barbieri Fontana'
).split(' ');
const ROLES = [
  'the prime minister',
  'the finance minister',
  'a senior economist at the central bank',
  'chief executive of the company',
  'a spokesperson for the ministry',
  'the opposition leader',
  'a professor of public health',
  'the head coach',
  'the mayor',
  'a union representative',
  'the foreign minister',
  'a climate scientist',
  'the team captain',
  'a defence analyst',
  'the chief medical officer',
  'a local resident',
  'the police commissioner',
  'an investor',
  'the festival director',
  'a farmer',
];
const SECTIONS: [string, number][] = [
  ['World', 20],
  ['Politics', 16],
  ['Business', 15],
  ['Sport', 12],
  ['Science', 8],
  ['Technology', 8],
  ['Health', 7],
  ['Culture', 6],
  ['Climate', 5],
  ['Opinion', 3],
];
const TOPICS = [
  'budget',
  'ceasefire',
  'election',
  'strike',
  'interest rates',
  'vaccine trial',
  'flood defences',
  'trade deal',
  'transfer window',
  'housing plan',
  'data breach',
  'drought',
  'tax reform',
  'summit',
  'merger',
  'heatwave',
  'court ruling',
  'rail upgrade',
  'grain exports',
  'chip plant',
  'festival',
  'pension reform',
  'energy prices',
  'wildfire',
  'peace talks',
  'school funding',
];
const PLACES = [
  'Kyiv',
  'Nairobi',
  'Lagos',
  'Brussels',
  'Jakarta',
  'Manila',
  'São Paulo',
  'Toronto',
  'Sydney',
  'Auckland',
  'Dublin',
  'Glasgow',
  'Berlin',
  'Warsaw',
  'Istanbul',
  'Cairo',
  'Mumbai',
  'Dhaka',
  'Seoul',
  'Osaka',
  'Lima',
  'Bogotá',
  'Accra',
  'Johannesburg',
];
const VERBS = ['warns over', 'defends', 'rejects', 'backs', 'unveils', 'questions', 'pledges to fix', 'calls for talks on', 'signs off'];
const CLAIMS = [
  'we will not accept a deal that leaves families worse off',
  'the numbers speak for themselves',
  'this is only the beginning',
  'nobody saw this coming',
  'we have done everything we were asked to do',
  'the decision was taken far too quickly',
  'people deserve a clear answer',
  'it is a good day for the region',
  'the risks are still very real',
  'we are ready to talk',
  'there is no plan B',
  'the evidence points in one direction',
  'we need more time',
  'it was the right call at the time',
];
const FILLER = [
  'Officials said the figures would be reviewed next month.',
  'The announcement followed weeks of negotiations.',
  'Critics said the measures did not go far enough.',
  'Markets reacted calmly to the news.',
  'The plan still needs approval from parliament.',
  'Residents gathered outside the building on Tuesday evening.',
  'Analysts expect further changes later in the year.',
  'The report runs to more than 200 pages.',
  'Similar proposals were rejected two years ago.',
  'Talks are due to resume on Friday.',
];
const CREDITS = ['Reuters', 'AP Photo', 'AFP via Getty Images', 'Bloomberg', 'EPA', 'Staff photographer'];
const UNNAMED = ['a government spokesperson said', 'a senior official said', 'the company said in a statement', 'organisers said'];

const FIRST_DAY = Date.UTC(2016, 0, 1);
const LAST_DAY = Date.UTC(2026, 10, 1);
const VOTER_POOL = 400_000;

function weightedPick<T>(random: () => number, items: [T, number][]): T {
  const total = items.reduce((sum, [, weight]) => sum + weight, 0);
  let at = random() * total;
  for (const [item, weight] of items) {
    at -= weight;
    if (at < 0) return item;
  }
  return items[items.length - 1][0];
}

/** The archive's people, each with a distinct name. */
export function demoPeople(options: DemoArchiveOptions): DemoPerson[] {
  // Far fewer than the names there are (with middle initials), so drawing distinct ones stays quick.
  const count = Math.min(options.people ?? 20_000, GIVEN.length * FAMILY.length * 10);
  const random = seededRandom((options.seed ?? 1) * 31 + 7);
  const taken = new Set<string>();
  const people: DemoPerson[] = [];
  const slugs = new Set<string>();
  while (people.length < count) {
    const given = GIVEN[Math.floor(random() * GIVEN.length)];
    const family = FAMILY[Math.floor(random() * FAMILY.length)];
    let name = `${given} ${family}`;
    // A name already taken gets a middle initial, as newsrooms tell namesakes apart.
    if (taken.has(normalizePersonName(name))) name = `${given} ${String.fromCharCode(65 + Math.floor(random() * 26))}. ${family}`;
    const normalizedName = normalizePersonName(name);
    if (taken.has(normalizedName)) continue;
    taken.add(normalizedName);
    let slug = slugify(name);
    for (let suffix = 2; slugs.has(slug); suffix += 1) slug = `${slugify(name)}-${suffix}`;
    slugs.add(slug);
    people.push({
      id: people.length + 1,
      slug,
      name,
      normalizedName,
      description: random() < 0.7 ? ROLES[Math.floor(random() * ROLES.length)] : null,
      createdAt: new Date(FIRST_DAY),
    });
  }
  return people;
}

/**
 * The articles, one at a time, oldest id first (ids 1…N; publication times rise with the id, with
 * a few days of jitter, as in a real archive). People are drawn with a Zipf-like weight (rank r
 * weighs 1/(r+8)), so a few people are named in thousands of articles.
 */
export function* demoStories(options: DemoArchiveOptions, people: readonly DemoPerson[]): Generator<DemoStory> {
  const random = seededRandom(options.seed ?? 1);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)];
  const cumulative = new Float64Array(people.length);
  let total = 0;
  for (let rank = 0; rank < people.length; rank += 1) cumulative[rank] = total += 1 / (rank + 8);
  const drawPerson = () => {
    const at = random() * total;
    let low = 0;
    let high = people.length - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (cumulative[middle] < at) low = middle + 1;
      else high = middle;
    }
    return people[low];
  };
  const slugs = new Set<string>();
  const span = LAST_DAY - FIRST_DAY;
  for (let id = 1; id <= options.articles; id += 1) {
    const named: DemoPerson[] = [];
    const wanted = 2 + Math.floor(random() * 7);
    for (let tries = 0; named.length < wanted && tries < 50; tries += 1) {
      const person = drawPerson();
      if (!named.includes(person)) named.push(person);
    }
    const section = weightedPick(random, SECTIONS);
    const topic = pick(TOPICS);
    const place = pick(PLACES);
    const lead = named[0];
    const surname = lead.name.split(' ').slice(-1)[0];
    const headline =
      random() < 0.5 ? `${surname} ${pick(VERBS)} ${topic} in ${place}` : `${place} ${topic}: ${named.length} voices on what comes next`;
    let slug = slugify(headline);
    for (let suffix = 2; slugs.has(slug); suffix += 1) slug = `${slugify(headline)}-${suffix}`;
    slugs.add(slug);

    const paragraphs = [
      `${lead.name}${lead.description ? `, ${lead.description},` : ''} spoke about the ${topic} in ${place} on ${
        ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'][id % 5]
      }. ${pick(FILLER)}`,
    ];
    const quotes: Omit<DemoQuote, 'publishedAt'>[] = [];
    const quoteCount = Math.floor(random() * 7);
    const speakers = new Set<number>();
    for (let position = 0; position < quoteCount; position += 1) {
      const speaker = random() < 0.85 ? named[Math.floor(random() * Math.min(named.length, 3))] : null;
      const text = `${pick(CLAIMS)}`.replace(/^./, (letter) => letter.toUpperCase());
      const attribution = speaker ? `${speaker.name.split(' ').slice(-1)[0]} said` : pick(UNNAMED);
      paragraphs.push(`“${text},” ${speaker ? `said ${speaker.name}` : attribution}. ${pick(FILLER)}`);
      quotes.push({ articleId: id, speakerId: speaker?.id ?? null, text, attribution, paragraphIndex: paragraphs.length - 1, position });
      if (speaker) speakers.add(speaker.id);
    }
    for (const person of named.slice(1))
      paragraphs.push(`${person.name} was also named in the ${topic} report. ${pick(FILLER)} ${pick(FILLER)}`);
    paragraphs.push(`${pick(FILLER)} ${pick(FILLER)}`);

    const body = joinParagraphs(paragraphs);
    const standfirst = random() < 0.5 ? `What the ${topic} means for ${place}.` : null;
    const publishedAt = new Date(FIRST_DAY + Math.floor((span * (id - 0.5)) / options.articles + (random() - 0.5) * 4 * 86_400_000));
    const withImage = random() < 0.7;
    const quality = 1.5 + random() * 3.3;
    const voteCount = Math.floor(-Math.log(1 - random()) * 10);
    const votes: DemoVote[] = [];
    const firstVoter = Math.floor(random() * VOTER_POOL);
    for (let index = 0; index < voteCount; index += 1) {
      const stars = Math.min(5, Math.max(1, Math.round(quality + (random() + random() + random() - 1.5) * 1.4)));
      const voter = (firstVoter + index) % VOTER_POOL;
      votes.push({ articleId: id, voterHash: voter.toString(16).padStart(64, '0'), stars });
    }
    yield {
      article: {
        id,
        slug,
        headline,
        section,
        publishedAt,
        updatedAt: publishedAt,
        createdAt: publishedAt,
        storedStandfirst: standfirst,
        summary: summaryOf(standfirst, body),
        body,
        imageUrl: withImage ? `https://images.example.com/${publishedAt.getUTCFullYear()}/${id}.jpg` : null,
        imageCredit: withImage ? pick(CREDITS) : null,
        imageCaption: withImage && random() < 0.5 ? `${lead.name} in ${place}.` : null,
        sourceUrl: null,
      },
      mentions: named.map((person, position) => ({
        articleId: id,
        personId: person.id,
        role: speakers.has(person.id) ? 'QUOTED' : 'MENTIONED',
        position,
        publishedAt,
      })),
      quotes: quotes.map((quote) => ({ ...quote, publishedAt })),
      votes,
    };
  }
}
