import { findTranscriptTurns, labelAsName } from '../../src/modules/import/transcript';

describe('transcript turns', () => {
  const transcript = [
    'Marta Kowalczyk-Ruiz reached the semi-finals on Thursday.',
    'Q. What changed in the third set?',
    'MARTA KOWALCZYK-RUIZ: I stopped trying to hit through her.',
    'Q: And your coach?',
    'MARTA KOWALCZYK-RUIZ: He has been with me since I was 14.',
    'My mum found him, actually.',
    'Q. How will you celebrate?',
    'KOWALCZYK-RUIZ: Ice bath, pasta, sleep.',
    'FastScripts Transcript by ASAP Sports',
  ];

  it('labels questions, answers and the unlabelled paragraph continuing an answer', () => {
    const turns = findTranscriptTurns(transcript);
    expect(turns.map((turn) => [turn.paragraph, turn.kind, turn.label])).toEqual([
      [1, 'question', null],
      [2, 'answer', 'MARTA KOWALCZYK-RUIZ'],
      [3, 'question', null],
      [4, 'answer', 'MARTA KOWALCZYK-RUIZ'],
      [5, 'continued', null],
      [6, 'question', null],
      [7, 'answer', 'KOWALCZYK-RUIZ'],
    ]);
    expect(transcript[2].slice(turns[1].textStart)).toBe('I stopped trying to hit through her.');
  });

  it('does not read a dateline or a single labelled line as a transcript', () => {
    expect(findTranscriptTurns(['RAWALPINDI: The PTI held its rally on Friday.', 'Police said the crowd dispersed.'])).toEqual([]);
    expect(findTranscriptTurns(['LONDON: Prices rose.', 'PARIS: Prices fell.', 'BERLIN: Prices held.'])).toEqual([]);
  });

  it('reads a Q&A whose answers carry the name as written, beside "Q:" questions', () => {
    const turns = findTranscriptTurns([
      'We asked Varga a few more questions.',
      'Q: Will you make arms?',
      'Varga: Maybe one day.',
      'Q: And Lin?',
      'Varga: Not today.',
    ]);
    expect(turns.map((turn) => [turn.kind, turn.label])).toEqual([
      ['question', null],
      ['answer', 'Varga'],
      ['question', null],
      ['answer', 'Varga'],
    ]);
    // Without questions, "Note:" lines are prose.
    expect(findTranscriptTurns(['Note: one.', 'Note: two.', 'Note: three.'])).toEqual([]);
  });

  it('writes a label as a name', () => {
    expect(labelAsName('MARTA KOWALCZYK-RUIZ')).toBe('Marta Kowalczyk-Ruiz');
    expect(labelAsName("CIARÁN O'NEILL")).toBe("Ciarán O'Neill");
  });
});
