import { snippetHtml, toFtsQuery, toTsQuery, MARK_CLOSE, MARK_OPEN } from '../../src/db/fts-query';

describe('toFtsQuery', () => {
  it.each([
    ['kyiv', '"kyiv"*'],
    ['peace talks', '"peace" "talks"*'],
    ['peace talks ', '"peace" "talks"'],
    ['"peace talks" kremlin', '"peace talks" "kremlin"*'],
    ['"peace talks"', '"peace talks"'],
    ['AND OR NOT', '"AND" "OR" "NOT"*'],
    ['NEAR(a b, 2)', '"NEAR" "a" "b" "2"'],
    ['"unbalanced phrase', '"unbalanced" "phrase"*'],
    ['-minus +plus ^caret col:value', '"minus" "plus" "caret" "col" "value"*'],
    ["didn't", '"didn\'t"*'],
    ['Kyïv', '"Kyïv"*'],
  ])('%p -> %p', (input, expected) => {
    expect(toFtsQuery(input)).toBe(expected);
  });

  it.each(['', '   ', '***', '"', '""', '()^-'])('returns null when nothing searchable is left in %p', (input) => {
    expect(toFtsQuery(input)).toBeNull();
  });

  it('never lets a double quote through unpaired', () => {
    for (const input of ['a"b', '"a" "b', 'x""y', '""""z']) {
      const query = toFtsQuery(input)!;
      expect((query.match(/"/g) ?? []).length % 2).toBe(0);
    }
  });
});

describe('toTsQuery (PostgreSQL)', () => {
  it.each([
    ['Zelensky', "'Zelensky':*"],
    ['peace talks ', "'peace' & 'talks'"],
    ['"peace talks" Kyïv', "'peace' <-> 'talks' & 'Kyïv':*"],
    ["don't stop", "'don''t' & 'stop':*"],
    ['a & b | !c <-> (d)', "'a' & 'b' & 'c' & 'd'"],
  ])('turns %p into a tsquery of quoted lexemes', (input, expected) => {
    expect(toTsQuery(toFtsQuery(input)!)).toBe(expected);
  });
});

describe('snippetHtml', () => {
  it('escapes HTML and turns the markers into <mark>', () => {
    expect(snippetHtml(`a <b> & "c" ${MARK_OPEN}Kyiv${MARK_CLOSE}'s`)).toBe('a &lt;b&gt; &amp; &quot;c&quot; <mark>Kyiv</mark>&#39;s');
  });
});
