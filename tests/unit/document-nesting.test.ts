import { bracketNesting } from '../../src/server/limits/document-nesting';

describe('bracketNesting', () => {
  it('counts the deepest nesting of braces, brackets and parentheses', () => {
    expect(bracketNesting('{ a }')).toBe(1);
    expect(bracketNesting('{ a(b: [1, [2]]) { c } }')).toBe(4);
    expect(bracketNesting(`{ ${'a{'.repeat(500)}b${'}'.repeat(500)} }`)).toBe(501);
  });

  it('skips brackets inside strings, block strings and comments', () => {
    expect(bracketNesting('{ a(b: "{{{[[[") }')).toBe(2);
    expect(bracketNesting('{ a(b: "\\"{{{") }')).toBe(2);
    expect(bracketNesting('{ a(b: """ {{{ \\""" [[[ """) }')).toBe(2);
    expect(bracketNesting('# {{{{\n{ a }')).toBe(1);
  });

  it('stops reading once past the limit', () => {
    expect(bracketNesting('['.repeat(100_000), 10)).toBe(11);
  });
});
