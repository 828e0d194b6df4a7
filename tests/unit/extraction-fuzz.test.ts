import { extractArticle } from '../../src/modules/import/article.extractor';
import { ImportInputError } from '../../src/modules/import/import-errors';
import { seededRandom } from '../support/archive';

/** Arbitrary copy-like text never crashes the importer: it yields an article or an ImportInputError. */
describe('extraction on arbitrary text', () => {
  const pieces = [
    'said',
    'told',
    'according to',
    'Mr',
    'Dr.',
    'President',
    'the minister',
    'he',
    'she',
    'they',
    ',',
    '.',
    ':',
    ';',
    '—',
    '-',
    '"',
    '“',
    '”',
    "'",
    '(',
    ')',
    '&',
    'Anna',
    'Bello',
    "O'Brien",
    'Jean-Luc',
    'van',
    'de',
    'Kyïv',
    'BBC',
    'U.S.',
    '2026',
    'January 30, 2026',
    '\n',
    '\n\n',
    '\t',
    '…',
    'Rate This Article',
    '(3 votes)',
    'Sign up',
    'Photo: X/Y',
    'By Jane Roe',
    'NEAR(',
    '*',
    '\u00a0',
    'Ümit',
    'Ζεύς',
    '东京',
    '🙂',
  ];

  it('returns a draft or a named problem for 300 random texts', () => {
    const random = seededRandom(99);
    let drafts = 0;
    for (let run = 0; run < 300; run += 1) {
      const length = 1 + Math.floor(random() * 120);
      let text = '';
      for (let index = 0; index < length; index += 1) text += `${pieces[Math.floor(random() * pieces.length)]} `;
      let draft;
      try {
        draft = extractArticle({ text }).draft;
      } catch (error) {
        // Refusing the text is allowed, but only with a named import problem.
        if (!(error instanceof ImportInputError)) throw error;
        continue;
      }
      drafts += 1;
      const names = new Set(draft.people.map((person) => person.name));
      const broken = [
        draft.headline.length === 0 && 'empty headline',
        draft.paragraphs.length === 0 && 'no paragraphs',
        ...draft.quotes.flatMap((quote) => [
          quote.text.length === 0 && 'empty quote',
          quote.speaker !== null && !names.has(quote.speaker) && `speaker ${quote.speaker} not among the people`,
          quote.paragraphIndex >= draft.paragraphs.length && `quote in paragraph ${quote.paragraphIndex} of ${draft.paragraphs.length}`,
        ]),
      ].filter(Boolean);
      expect({ text: text.slice(0, 200), broken }).toEqual({ text: text.slice(0, 200), broken: [] });
    }
    expect(drafts).toBeGreaterThan(100);
  });
});
