/**
 * `npm run accuracy`: precision and recall of the importer's people and quote extraction on the
 * labelled set in tests/fixtures/import (the figures in the README).
 */
import { loadFixtures, scoreExtraction } from '../tests/support/extraction-score';

const percent = (value: number) => `${(value * 100).toFixed(1)}%`;
const result = scoreExtraction(loadFixtures());
console.log('fixture                                   people P / R      quotes P / R');
for (const fixture of result.perFixture) {
  console.log(
    `${fixture.name.padEnd(40)}  ${percent(fixture.people.precision).padStart(6)} / ${percent(fixture.people.recall).padEnd(6)}   ${percent(fixture.quotes.precision).padStart(6)} / ${percent(fixture.quotes.recall)}`,
  );
  for (const missed of fixture.missedQuotes) console.log(`    missed quote: ${missed.replace('\u0000', ' <- ') || '(unnamed)'}`);
}
console.log(
  `${'all'.padEnd(40)}  ${percent(result.people.precision).padStart(6)} / ${percent(result.people.recall).padEnd(6)}   ${percent(result.quotes.precision).padStart(6)} / ${percent(result.quotes.recall)}`,
);
console.log(
  `people: ${result.people.truePositives} right of ${result.people.extracted} found, ${result.people.expected} expected; quotes: ${result.quotes.truePositives} right of ${result.quotes.extracted} found, ${result.quotes.expected} expected`,
);
