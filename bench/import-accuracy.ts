/**
 * `npm run accuracy`: how well the importer finds people and attributes quotes, on the tuning set
 * (tests/fixtures/import) and on each held-out batch (tests/fixtures/import-heldout/batch-N).
 * Prints precision, recall and F1 for people and quotes, speaker accuracy over the quotes found and
 * description accuracy over the people found, and layout accuracy (headline, publication time and
 * paragraph count where labelled), per batch and overall. `--verbose` lists every miss
 * with the rule that produced the wrong item; `--batch NAME` scores one batch.
 */
import { parseArgs } from 'node:util';
import type { BatchReport, Score } from '../tests/support/extraction-score';
import { FIXTURE_DIR, heldoutBatches, loadFixtures, scoreExtraction, summarise } from '../tests/support/extraction-score';

const { values } = parseArgs({ options: { verbose: { type: 'boolean', short: 'v' }, batch: { type: 'string' } } });
const percent = (value: number) => `${(value * 100).toFixed(1)}%`.padStart(6);
const prf = (s: Score) => `${percent(s.precision)} ${percent(s.recall)} ${percent(s.f1)}`;

const batches = [{ name: 'tuning', dir: FIXTURE_DIR }, ...heldoutBatches()].filter((batch) => !values.batch || batch.name === values.batch);
const reports: { name: string; report: BatchReport }[] = batches.map((batch) => ({
  name: batch.name,
  report: scoreExtraction(loadFixtures(batch.dir)),
}));

function printMisses(report: BatchReport) {
  for (const article of report.perFixture) {
    const lines = [
      ...article.missedPeople.map((name) => `missed person: ${name}`),
      ...article.extraPeople.map((person) => `extra person: ${person.name}  [${person.rule}]`),
      ...article.missedQuotes.map((quote) => `missed quote: "${quote.text}" <- ${quote.speaker ?? '(unnamed)'}`),
      ...article.extraQuotes.map((quote) => `extra quote: "${quote.text}" <- ${quote.speaker ?? '(unnamed)'}  [${quote.rule}]`),
      ...article.wrongSpeakers.map(
        (quote) =>
          `wrong speaker: "${quote.text}" <- ${quote.got ?? '(unnamed)'}, labelled ${quote.expected ?? '(unnamed)'}  [${quote.rule}]`,
      ),
      ...article.wrongDescriptions.map(
        (person) => `description: ${person.name}: "${person.got ?? ''}", labelled "${person.expected ?? ''}"  [${person.rule}]`,
      ),
      ...article.wrongLayout.map((field) => `layout: ${field.field} "${field.got}", labelled "${field.expected}"`),
    ];
    if (lines.length === 0) continue;
    console.log(`  ${article.name}`);
    for (const line of lines) console.log(`    ${line}`);
  }
}

const header = `${'batch'.padEnd(10)} ${'articles'.padStart(8)}   people P      R     F1    quotes P      R     F1   speaker   description   layout`;
console.log(header);
const row = (name: string, articles: number, report: Pick<BatchReport, 'people' | 'quotes' | 'speakers' | 'descriptions' | 'layout'>) =>
  console.log(
    `${name.padEnd(10)} ${String(articles).padStart(8)}   ${prf(report.people)}   ${prf(report.quotes)}   ${percent(report.speakers.accuracy)}   ${percent(report.descriptions.accuracy)}        ${percent(report.layout.accuracy)}`,
  );
for (const { name, report } of reports) {
  row(name, report.perFixture.length, report);
  if (values.verbose) printMisses(report);
}
if (reports.length > 1) {
  const all = summarise(reports.flatMap((entry) => entry.report.perFixture));
  row('all', all.perFixture.length, all);
}
for (const { name, report } of reports) {
  console.log(
    `${name}: people ${report.people.truePositives} right of ${report.people.extracted} found, ${report.people.expected} labelled; quotes ${report.quotes.truePositives} of ${report.quotes.extracted} found, ${report.quotes.expected} labelled; speakers ${report.speakers.right}/${report.speakers.of}; descriptions ${report.descriptions.right}/${report.descriptions.of}; layout fields ${report.layout.right}/${report.layout.of}`,
  );
}
