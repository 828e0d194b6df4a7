import fs from 'node:fs';
import path from 'node:path';
import type { ArticleDraft, QuoteDraft } from '../../src/modules/import/article-draft';
import { extractArticle } from '../../src/modules/import/article.extractor';
import { normalizePersonName } from '../../src/modules/person/person-name';

/** tests/fixtures, whether this runs from tests/support (jest) or dist/tests/support (npm run accuracy). */
const FIXTURES_ROOT = [path.join(__dirname, '..', 'fixtures'), path.join(__dirname, '..', '..', '..', 'tests', 'fixtures')].find((dir) =>
  fs.existsSync(dir),
) as string;

/** The tuning set: articles the rules were developed against. */
export const FIXTURE_DIR = path.join(FIXTURES_ROOT, 'import');
/** Held-out batches, one folder each, written without reading the rules and scored before any tuning. */
export const HELDOUT_DIR = path.join(FIXTURES_ROOT, 'import-heldout');

export interface ExpectedArticle {
  headline: string;
  section?: string;
  publishedAt?: string;
  imageCredit?: string;
  paragraphs?: number;
  people: { name: string; description?: string }[];
  quotes: { text: string; speaker: string | null }[];
}

export interface Fixture {
  name: string;
  text: string;
  expected: ExpectedArticle;
}

/** Every `<name>.txt` with its `<name>.expected.json` in a folder. */
export function loadFixtures(dir = FIXTURE_DIR): Fixture[] {
  return fs
    .readdirSync(dir)
    .filter((file) => file.endsWith('.txt'))
    .sort()
    .map((file) => {
      const name = file.replace(/\.txt$/, '');
      return {
        name,
        text: fs.readFileSync(path.join(dir, file), 'utf8'),
        expected: JSON.parse(fs.readFileSync(path.join(dir, `${name}.expected.json`), 'utf8')) as ExpectedArticle,
      };
    });
}

/** The held-out batch folders, in order ("batch-5", "batch-6", …). */
export function heldoutBatches(): { name: string; dir: string }[] {
  if (!fs.existsSync(HELDOUT_DIR)) return [];
  return fs
    .readdirSync(HELDOUT_DIR)
    .filter((name) => fs.statSync(path.join(HELDOUT_DIR, name)).isDirectory())
    .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }))
    .map((name) => ({ name, dir: path.join(HELDOUT_DIR, name) }));
}

/**
 * `count` articles made from all the labelled copy, each with its own headline (a new article,
 * not a re-import) and a varied surname (so people differ too): what the import benchmarks send.
 */
export function variedCopies(count: number): string[] {
  const sources = [FIXTURE_DIR, ...heldoutBatches().map((batch) => batch.dir)].flatMap((dir) => loadFixtures(dir));
  return Array.from({ length: count }, (_, index) => {
    const [headline, ...rest] = sources[index % sources.length].text.split('\n');
    return [`${headline} (${index + 1})`, ...rest].join('\n').replace(/\b(\p{Lu}\p{Ll}{3,})son\b/gu, `$1son${index}`);
  });
}

export interface Score {
  truePositives: number;
  extracted: number;
  expected: number;
  precision: number;
  recall: number;
  f1: number;
}

export function score(truePositives: number, extracted: number, expected: number): Score {
  const precision = extracted === 0 ? 1 : truePositives / extracted;
  const recall = expected === 0 ? 1 : truePositives / expected;
  return {
    truePositives,
    extracted,
    expected,
    precision,
    recall,
    f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall),
  };
}

export interface Ratio {
  right: number;
  of: number;
}

/** Quote texts match on their letters and digits: marks, spacing and case are the layout's, not the words'. */
export const quoteTextKey = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
/** Descriptions match without a leading article, case and punctuation. */
const descriptionKey = (text: string | null | undefined) =>
  (text ?? '')
    .toLowerCase()
    .replace(/^(?:the|a|an)\s+/u, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

/** What went wrong on one article, with the rule behind each wrong item. */
export interface ArticleReport {
  name: string;
  draft: ArticleDraft;
  people: Score;
  quotes: Score;
  /** Of the quotes found (text right), how many have the right speaker (or none, when unnamed). */
  speakers: Ratio;
  /** Of the people found that the labels describe or not, how many have the labelled description. */
  descriptions: Ratio;
  missedPeople: string[];
  extraPeople: { name: string; rule: string }[];
  missedQuotes: { text: string; speaker: string | null }[];
  extraQuotes: { text: string; speaker: string | null; rule: string }[];
  wrongSpeakers: { text: string; expected: string | null; got: string | null; rule: string }[];
  wrongDescriptions: { name: string; expected: string | null; got: string | null; rule: string }[];
  /** Headline, publication time and paragraph count, each where the labels give it. */
  layout: Ratio;
  wrongLayout: { field: string; expected: string; got: string }[];
}

export interface BatchReport {
  people: Score;
  quotes: Score;
  speakers: Ratio & { accuracy: number };
  descriptions: Ratio & { accuracy: number };
  layout: Ratio & { accuracy: number };
  perFixture: ArticleReport[];
}

function scoreLayout(draft: ArticleDraft, expected: ExpectedArticle, importedAt: Date) {
  const fields: { field: string; expected: string; got: string }[] = [
    { field: 'headline', expected: expected.headline, got: draft.headline },
  ];
  if (expected.publishedAt) {
    const got = draft.publishedAt.getTime() === importedAt.getTime() ? '(none)' : draft.publishedAt.toISOString();
    fields.push({ field: 'publishedAt', expected: new Date(expected.publishedAt).toISOString(), got });
  }
  if (expected.paragraphs !== undefined) {
    fields.push({ field: 'paragraphs', expected: String(expected.paragraphs), got: String(draft.paragraphs.length) });
  }
  const wrong = fields.filter((field) => field.expected !== field.got);
  return { layout: { right: fields.length - wrong.length, of: fields.length }, wrongLayout: wrong };
}

function scoreArticle(fixture: Fixture): ArticleReport {
  const importedAt = new Date(0);
  const { draft } = extractArticle({ text: fixture.text }, importedAt);
  const expectedPeople = new Map(fixture.expected.people.map((person) => [normalizePersonName(person.name), person]));
  const gotPeople = new Map(draft.people.map((person) => [normalizePersonName(person.name), person]));
  const peopleRight = [...gotPeople.keys()].filter((key) => expectedPeople.has(key));
  const descriptions: Ratio = { right: 0, of: 0 };
  const wrongDescriptions: ArticleReport['wrongDescriptions'] = [];
  for (const key of peopleRight) {
    const expected = expectedPeople.get(key)!.description ?? null;
    const got = gotPeople.get(key)!;
    descriptions.of += 1;
    if (descriptionKey(expected) === descriptionKey(got.description)) descriptions.right += 1;
    else wrongDescriptions.push({ name: got.name, expected, got: got.description ?? null, rule: got.rule ?? '?' });
  }

  const speakerKey = (speaker: string | null | undefined) => (speaker ? normalizePersonName(speaker) : '');
  const found = joinLabelledRuns(draft.quotes, fixture.expected.quotes);
  const unmatched = fixture.expected.quotes.map((quote, index) => ({ ...quote, index, key: quoteTextKey(quote.text) }));
  const extraQuotes: ArticleReport['extraQuotes'] = [];
  const wrongSpeakers: ArticleReport['wrongSpeakers'] = [];
  const speakers: Ratio = { right: 0, of: 0 };
  for (const quote of found) {
    const key = quoteTextKey(quote.text);
    // Prefer the labelled quote with the same speaker when the same words are quoted twice.
    const candidates = unmatched.filter((expected) => expected.key === key);
    const match = candidates.find((expected) => speakerKey(expected.speaker) === speakerKey(quote.speaker)) ?? candidates[0];
    if (!match) {
      extraQuotes.push({ text: quote.text, speaker: quote.speaker, rule: quote.rule ?? '?' });
      continue;
    }
    unmatched.splice(unmatched.indexOf(match), 1);
    speakers.of += 1;
    if (speakerKey(match.speaker) === speakerKey(quote.speaker)) speakers.right += 1;
    else wrongSpeakers.push({ text: quote.text, expected: match.speaker, got: quote.speaker, rule: quote.rule ?? '?' });
  }
  return {
    name: fixture.name,
    draft,
    people: score(peopleRight.length, gotPeople.size, expectedPeople.size),
    quotes: score(speakers.of, found.length, fixture.expected.quotes.length),
    speakers,
    descriptions,
    missedPeople: [...expectedPeople.keys()].filter((key) => !gotPeople.has(key)).map((key) => expectedPeople.get(key)!.name),
    extraPeople: [...gotPeople.keys()]
      .filter((key) => !expectedPeople.has(key))
      .map((key) => ({ name: gotPeople.get(key)!.name, rule: gotPeople.get(key)!.rule ?? '?' })),
    missedQuotes: unmatched.map(({ text, speaker }) => ({ text, speaker })),
    extraQuotes,
    wrongSpeakers,
    wrongDescriptions,
    ...scoreLayout(draft, fixture.expected, importedAt),
  };
}

/**
 * Labels differ on a quote that runs over several paragraphs: some list each paragraph, some one
 * quote joined with a space. The importer gives one quote per paragraph; where the labels join
 * consecutive ones, they are joined here too, so either convention scores the same.
 */
function joinLabelledRuns(quotes: readonly QuoteDraft[], labelled: ExpectedArticle['quotes']): QuoteDraft[] {
  const labelledKeys = new Set(labelled.map((quote) => quoteTextKey(quote.text)));
  const joined: QuoteDraft[] = [];
  for (let index = 0; index < quotes.length; index += 1) {
    let taken = 1;
    if (!labelledKeys.has(quoteTextKey(quotes[index].text))) {
      for (let length = 2; length <= 6 && index + length <= quotes.length; length += 1) {
        const run = quotes.slice(index, index + length);
        if (labelledKeys.has(quoteTextKey(run.map((quote) => quote.text).join(' ')))) {
          taken = length;
          break;
        }
      }
    }
    const run = quotes.slice(index, index + taken);
    joined.push({ ...run[0], text: run.map((quote) => quote.text).join(' ') });
    index += taken - 1;
  }
  return joined;
}

const sum = (reports: readonly ArticleReport[], pick: (report: ArticleReport) => Score) =>
  score(
    reports.reduce((total, report) => total + pick(report).truePositives, 0),
    reports.reduce((total, report) => total + pick(report).extracted, 0),
    reports.reduce((total, report) => total + pick(report).expected, 0),
  );
const ratio = (reports: readonly ArticleReport[], pick: (report: ArticleReport) => Ratio) => {
  const right = reports.reduce((total, report) => total + pick(report).right, 0);
  const of = reports.reduce((total, report) => total + pick(report).of, 0);
  return { right, of, accuracy: of === 0 ? 1 : right / of };
};

/**
 * Micro-averaged scores over a set of labelled articles. People match on the normalised name;
 * quotes match on their words, and speaker accuracy is counted over the quotes found.
 */
export function scoreExtraction(fixtures: readonly Fixture[]): BatchReport {
  return summarise(fixtures.map(scoreArticle));
}

/** One report over articles already scored: a batch, or several batches together. */
export function summarise(perFixture: readonly ArticleReport[]): BatchReport {
  return {
    people: sum(perFixture, (report) => report.people),
    quotes: sum(perFixture, (report) => report.quotes),
    speakers: ratio(perFixture, (report) => report.speakers),
    descriptions: ratio(perFixture, (report) => report.descriptions),
    layout: ratio(perFixture, (report) => report.layout),
    perFixture: [...perFixture],
  };
}
