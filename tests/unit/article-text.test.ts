import { countWords, firstParagraph, joinParagraphs, readingTimeMinutes, splitParagraphs } from '../../src/modules/article/article-text';

describe('article text', () => {
  it('splits paragraphs on blank lines, whatever the line endings and spacing', () => {
    expect(splitParagraphs('One.\n\nTwo\nstill two.\r\n   \r\nThree.\n\n\n')).toEqual(['One.', 'Two\nstill two.', 'Three.']);
    expect(splitParagraphs('   ')).toEqual([]);
  });

  it('joins paragraphs with one blank line, dropping empty ones', () => {
    expect(joinParagraphs([' One. ', '', 'Two.'])).toBe('One.\n\nTwo.');
    expect(splitParagraphs(joinParagraphs(['a b', 'c']))).toEqual(['a b', 'c']);
  });

  it('counts words, keeping contractions and hyphenated words whole', () => {
    expect(countWords('')).toBe(0);
    expect(countWords('The almost four-year conflict — didn’t end, in 2026.')).toBe(8);
    expect(countWords('Kyïv, Zaporizhzhia')).toBe(2);
  });

  it('rounds reading time up, with at least a minute for any text', () => {
    expect(readingTimeMinutes(0)).toBe(0);
    expect(readingTimeMinutes(1)).toBe(1);
    expect(readingTimeMinutes(230)).toBe(1);
    expect(readingTimeMinutes(231)).toBe(2);
  });
});

describe('firstParagraph', () => {
  it('is always the first of splitParagraphs, on bodies built from every kind of break and blank', () => {
    const pieces = ['One.', 'Two words', '\n', '\r\n', '\n\n', '\r\n\r\n', ' ', '\t', '\u00a0', '\n \n', 'x'];
    let state = 7;
    const next = () => (state = (state * 48271) % 2147483647);
    for (let round = 0; round < 2000; round += 1) {
      const body = Array.from({ length: next() % 9 }, () => pieces[next() % pieces.length]).join('');
      expect(firstParagraph(body)).toBe(splitParagraphs(body)[0] ?? null);
    }
  });
});
