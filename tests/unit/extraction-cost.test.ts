import { extractArticle } from '../../src/modules/import/article.extractor';
import { measureExtractionWork } from '../../src/modules/import/extraction-work';
import { MAX_WINDOW_CHARS, paragraphWindows } from '../../src/modules/import/paragraph-windows';
import { importShapes } from '../support/import-shapes';

/**
 * Issue #13: extraction cost grows with the text. Counted, not timed: rules evaluated, the
 * characters of copy they and the scans read, and the names name lookups hand back to compare,
 * for each slow shape at 20 kB and at 8 times that.
 * Linear work gives a ratio of about 8; a step that rereads a whole paragraph per match gives 64.
 */
describe('extraction work on copy of pathological shapes', () => {
  const SMALL = 20_000;
  const LARGE = 160_000;

  it.each(importShapes.map((shape) => [shape.name, shape] as const))('%s: 8 times the text costs under 12 times the work', (_, shape) => {
    const small = measureExtractionWork(() => extractArticle({ text: shape.build(SMALL) }));
    const large = measureExtractionWork(() => extractArticle({ text: shape.build(LARGE) }));
    expect(small.charactersScanned).toBeGreaterThanOrEqual(SMALL * 0.9);
    expect(large.charactersScanned / small.charactersScanned).toBeLessThan(12);
    // Copy with no name candidates evaluates no rules and compares no names at either size.
    expect(large.rulesEvaluated).toBeLessThan(12 * Math.max(1, small.rulesEvaluated));
    expect(large.namesCompared).toBeLessThan(12 * Math.max(1, small.namesCompared));
  });

  it('counts the work of ordinary copy too, and more for more copy', () => {
    const copy = 'Council approves budget\n\n"We will build it," said Mayor Anna Okafor on Tuesday.';
    const once = measureExtractionWork(() => extractArticle({ text: copy }));
    const twice = measureExtractionWork(() => extractArticle({ text: `${copy}\n\nShe added: "Soon."` }));
    expect(once.rulesEvaluated).toBeGreaterThan(0);
    expect(twice.rulesEvaluated).toBeGreaterThan(once.rulesEvaluated);
  });
});

describe('paragraph windows', () => {
  it('keeps ordinary paragraphs whole', () => {
    const paragraphs = ['One short paragraph.', 'x'.repeat(MAX_WINDOW_CHARS)];
    expect(paragraphWindows(paragraphs)).toEqual({ windows: paragraphs, paragraphOf: [0, 1] });
  });

  it('cuts a long paragraph at sentence ends into windows no longer than the limit, losing no words', () => {
    const sentences = Array.from({ length: 300 }, (_, index) => `Sentence number ${index} says little.`);
    const { windows, paragraphOf } = paragraphWindows(['Before.', sentences.join(' ')]);
    expect(windows.length).toBeGreaterThan(5);
    expect(paragraphOf[0]).toBe(0);
    expect(new Set(paragraphOf.slice(1))).toEqual(new Set([1]));
    for (const window of windows) expect(window.length).toBeLessThanOrEqual(MAX_WINDOW_CHARS);
    for (const window of windows.slice(1)) expect(window).toMatch(/^Sentence number \d+ says little\..* says little\.$/u);
    expect(windows.slice(1).join(' ')).toBe(sentences.join(' '));
  });

  it('cuts text without sentence ends at spaces, and text without spaces anywhere', () => {
    const words = Array.from({ length: 2_000 }, () => 'word').join(' ');
    const spaced = paragraphWindows([words]).windows;
    expect(spaced.every((window) => /^word(?: word)*$/u.test(window))).toBe(true);
    expect(spaced.join(' ')).toBe(words);
    const unbroken = paragraphWindows(['é'.repeat(5_000)]).windows;
    expect(unbroken.join('')).toBe('é'.repeat(5_000));
  });

  it('cuts outside quotation marks, so a quote with sentences of its own stays whole', () => {
    const before = Array.from({ length: 30 }, (_, index) => `The council met for the ${index}th time.`).join(' ');
    // The quote runs across the 2,000th character, with sentence ends of its own there.
    const spoken = Array.from({ length: 40 }, (_, index) => `We costed option ${index} and it works.`).join(' ');
    const paragraph = `${before} "${spoken}" said Mayor Anna Okafor. ${before}`;
    expect(paragraph.length).toBeGreaterThan(MAX_WINDOW_CHARS);
    for (const window of paragraphWindows([paragraph]).windows) expect(window.split('"').length % 2).toBe(1);
    const { draft } = extractArticle({ text: `Council meets again\n\n${paragraph}` });
    expect(draft.quotes).toEqual([expect.objectContaining({ text: spoken.replace(/\.$/u, ''), speaker: 'Anna Okafor' })]);
  });

  it('gives a quote in a long paragraph the index of the stored paragraph', () => {
    const filler = Array.from({ length: 200 }, (_, index) => `The council met for the ${index}th time.`).join(' ');
    const text = `Council meets again\n\nAn opening paragraph.\n\n${filler} "We will build it," said Mayor Anna Okafor.\n\nThe end.`;
    const { draft } = extractArticle({ text });
    expect(draft.paragraphs[1].length).toBeGreaterThan(MAX_WINDOW_CHARS);
    expect(draft.quotes).toEqual([expect.objectContaining({ text: 'We will build it', speaker: 'Anna Okafor', paragraphIndex: 1 })]);
  });
});
