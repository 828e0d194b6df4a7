import { countWork } from './extraction-work';

/**
 * One named rule of the importer. Every rule carries an example in real-style copy and what the
 * whole extraction yields on it; a unit test imports each example (`it.each` over the tables), and
 * the extraction reports which rule produced each person and quote, so `npm run accuracy` can say
 * which rule a miss came from. A newcomer adds a rule by adding one entry to a table.
 */
export interface ExtractionRule<Site, Result> {
  /** Kebab-case, unique in its table: reported with every item the rule produces. */
  name: string;
  /** What the rule recognises, in a line. */
  description: string;
  example: RuleExample;
  /** Copy close to the example that the rule must leave alone (an organisation's name, someone speaking for another). */
  quiet?: string;
  /** Built once, at module load: the matchers a rule needs live in its closure, not rebuilt per call. */
  match: (site: Site) => Result | null;
}

/** Copy (headline added by the test) and the item the rule must produce from it. */
export interface RuleExample {
  copy: string;
  /** A person the rule makes (by name) or keeps out (`notPerson`). */
  person?: string;
  notPerson?: string;
  /** A quote's words and the speaker the rule gives it (null: an unnamed source or an organisation). */
  quote?: string;
  speaker?: string | null;
  /** Words in quote marks the rule keeps out of the quotes (a title, a scare quote). */
  notQuote?: string;
}

/**
 * The first rule of a table that matches, with its result. `reads` is how many characters of copy
 * the site shows each rule (counted as work, see extraction-work.ts).
 */
export function firstMatch<Site, Rule extends ExtractionRule<Site, unknown>>(
  rules: readonly Rule[],
  site: Site,
  reads: number,
): { rule: Rule; result: NonNullable<ReturnType<Rule['match']>> } | null {
  let evaluated = 0;
  try {
    for (const rule of rules) {
      evaluated += 1;
      const result = rule.match(site) as ReturnType<Rule['match']>;
      if (result !== null && result !== undefined) return { rule, result };
    }
    return null;
  } finally {
    countWork(evaluated, evaluated * reads);
  }
}
