/**
 * Counts the importer's work: rules evaluated, characters the rules and scans read, and names
 * compared (candidates a name lookup hands back to be checked). Extraction
 * is synchronous, so the counts between `measureExtractionWork`'s start and end are one article's.
 * A unit test compares the counts for the same shape of copy at two sizes (cost must grow with the
 * text, not faster), without timing anything.
 */
export interface ExtractionWork {
  rulesEvaluated: number;
  charactersScanned: number;
  namesCompared: number;
}

const work: ExtractionWork = { rulesEvaluated: 0, charactersScanned: 0, namesCompared: 0 };

/** Records `rules` rule evaluations that together read `characters` characters. */
export function countWork(rules: number, characters: number): void {
  work.rulesEvaluated += rules;
  work.charactersScanned += characters;
}

/** Records `names` candidates a name lookup returned. */
export function countNamesCompared(names: number): void {
  work.namesCompared += names;
}

export function measureExtractionWork(extract: () => void): ExtractionWork {
  work.rulesEvaluated = 0;
  work.charactersScanned = 0;
  work.namesCompared = 0;
  extract();
  return { ...work };
}
