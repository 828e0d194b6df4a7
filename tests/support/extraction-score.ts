import fs from 'node:fs';
import path from 'node:path';
import { extractArticle } from '../../src/modules/import/article.extractor';
import { normalizePersonName } from '../../src/modules/person/person-name';

/** tests/fixtures/import, whether this runs from tests/support (jest) or dist/tests/support (npm run accuracy). */
export const FIXTURE_DIR = [
  path.join(__dirname, '..', 'fixtures', 'import'),
  path.join(__dirname, '..', '..', '..', 'tests', 'fixtures', 'import'),
].find((dir) => fs.existsSync(dir)) as string;

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

/** Every `<name>.txt` with its `<name>.expected.json` in the labelled set. */
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

export interface Score {
  truePositives: number;
  extracted: number;
  expected: number;
  precision: number;
  recall: number;
}

function score(truePositives: number, extracted: number, expected: number): Score {
  return {
    truePositives,
    extracted,
    expected,
    precision: extracted === 0 ? 1 : truePositives / extracted,
    recall: expected === 0 ? 1 : truePositives / expected,
  };
}

const quoteKey = (text: string, speaker: string | null) =>
  `${text.replace(/[“”]/g, '"').replace(/\s+/g, ' ').trim()}\u0000${speaker === null ? '' : normalizePersonName(speaker)}`;

/**
 * Micro-averaged precision and recall over the labelled set. People match on the normalised
 * name; a quote counts only when both its text and its speaker (or its being unnamed) match.
 */
export function scoreExtraction(fixtures: readonly Fixture[]) {
  let people = { tp: 0, extracted: 0, expected: 0 };
  let quotes = { tp: 0, extracted: 0, expected: 0 };
  const perFixture = fixtures.map((fixture) => {
    const { draft } = extractArticle({ text: fixture.text });
    const expectedPeople = new Set(fixture.expected.people.map((person) => normalizePersonName(person.name)));
    const gotPeople = new Set(draft.people.map((person) => normalizePersonName(person.name)));
    const peopleTp = [...gotPeople].filter((name) => expectedPeople.has(name)).length;
    const expectedQuotes = fixture.expected.quotes.map((quote) => quoteKey(quote.text, quote.speaker));
    const gotQuotes = draft.quotes.map((quote) => quoteKey(quote.text, quote.speaker));
    const remaining = [...expectedQuotes];
    let quotesTp = 0;
    for (const key of gotQuotes) {
      const at = remaining.indexOf(key);
      if (at >= 0) {
        remaining.splice(at, 1);
        quotesTp += 1;
      }
    }
    people = { tp: people.tp + peopleTp, extracted: people.extracted + gotPeople.size, expected: people.expected + expectedPeople.size };
    quotes = {
      tp: quotes.tp + quotesTp,
      extracted: quotes.extracted + gotQuotes.length,
      expected: quotes.expected + expectedQuotes.length,
    };
    return {
      name: fixture.name,
      draft,
      missedQuotes: remaining,
      people: score(peopleTp, gotPeople.size, expectedPeople.size),
      quotes: score(quotesTp, gotQuotes.length, expectedQuotes.length),
    };
  });
  return {
    people: score(people.tp, people.extracted, people.expected),
    quotes: score(quotes.tp, quotes.extracted, quotes.expected),
    perFixture,
  };
}
