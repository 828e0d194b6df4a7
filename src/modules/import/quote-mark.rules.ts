import type { RuleExample } from './extraction-rule';

/**
 * Quotation marks as newsrooms type them. Each pair names its opening mark and the marks that may
 * close it; inside a quote, other opening marks are nested quotes and stay in its text. A quote
 * left open at the end of a paragraph runs on to the next one.
 */
export interface QuoteMarkRule {
  name: string;
  description: string;
  example: RuleExample;
  opens: string;
  /** Two-character closers first: `’’` must not be read as an apostrophe. */
  closes: readonly string[];
}

export const QUOTE_MARK_RULES: readonly QuoteMarkRule[] = [
  {
    name: 'curly-double',
    description: '“…”, also closed by a straight mark or a doubled single mark.',
    example: {
      copy: '“We will not borrow,” said Tariq Nasser, the central bank governor.',
      quote: 'We will not borrow',
      speaker: 'Tariq Nasser',
    },
    opens: '“',
    closes: ['’’', '”', '"'],
  },
  {
    name: 'straight-double',
    description: '"…", also closed by a curly mark or by two single marks (\'\' or ’’).',
    example: {
      copy: `"We had permission only for the grounds,'' said Inspector Kavitha Rao.`,
      quote: 'We had permission only for the grounds',
      speaker: 'Kavitha Rao',
    },
    opens: '"',
    closes: ["''", '’’', '"', '”'],
  },
  {
    name: 'low-double',
    description: '„…“ as German, Bulgarian and Russian copy types them.',
    example: { copy: '„Prices must fall,“ said Minister Petra Vogel.', quote: 'Prices must fall', speaker: 'Petra Vogel' },
    opens: '„',
    closes: ['“', '”'],
  },
  {
    name: 'guillemets',
    description: '«…» as French and Russian copy types them.',
    example: { copy: '«We are not leaving,» said union leader Claire Morel.', quote: 'We are not leaving', speaker: 'Claire Morel' },
    opens: '«',
    closes: ['»'],
  },
];

/**
 * Single marks as the main quotation marks (‘…’), as some British copy types them: chosen when an
 * article's single marks open more quotes than its double marks; a closing ’ counts only where it is not an apostrophe.
 */
export const SINGLE_MARK_RULE: QuoteMarkRule = {
  name: 'single-curly-primary',
  description: '‘…’ as the only quotation marks of an article.',
  example: {
    copy: '‘The ward is full every night,’ said nurse Aoife Brennan.',
    quote: 'The ward is full every night',
    speaker: 'Aoife Brennan',
  },
  opens: '‘',
  closes: ['’'],
};

/** '…' typed straight as the main marks, as British tabloid and sport copy does, with "…" nested inside. */
export const STRAIGHT_SINGLE_MARK_RULE: QuoteMarkRule = {
  name: 'single-straight-primary',
  description: "'…' as an article's main quotation marks, doubles nested inside.",
  example: {
    copy: `'Honestly, in Miami I didn't want to be on a court,' Ellie Brennan said.`,
    quote: "Honestly, in Miami I didn't want to be on a court",
    speaker: 'Ellie Brennan',
  },
  opens: "'",
  closes: ["'"],
};

/** The single-mark modes, chosen for an article whose single marks open more quotes than its double marks. */
export const SINGLE_MARK_RULES: readonly QuoteMarkRule[] = [SINGLE_MARK_RULE, STRAIGHT_SINGLE_MARK_RULE];
