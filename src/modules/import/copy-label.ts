/**
 * What the gateway's own thread needs of the copy layout, apart from the parser (which loads
 * chrono-node's date grammars, about 14 MiB, only in the extraction workers).
 */

/** Section names the layout parser recognises above or glued to a headline. */
export const KNOWN_SECTIONS = new Set(
  [
    'news',
    'top stories',
    'world',
    'world news',
    'politics',
    'business',
    'economy',
    'markets',
    'money',
    'sport',
    'sports',
    'opinion',
    'comment',
    'technology',
    'tech',
    'science',
    'health',
    'entertainment',
    'culture',
    'arts',
    'lifestyle',
    'travel',
    'education',
    'environment',
    'climate',
    'africa',
    'europe',
    'asia',
    'americas',
    'middle east',
    'us',
    'uk',
    'local',
    'national',
    'international',
    'breaking news',
    'latest',
    'features',
    'analysis',
    'media',
    'law',
    'crime',
  ].map((name) => name.toLowerCase()),
);

/**
 * How an editor recognises copy before it is parsed (in an IMPORT_TIMEOUT error): its headline
 * line (the second line when the first is a section name, as parseCopyLayout reads it), at most 80 characters.
 */
export function copyLabel(raw: string): string {
  const [first = '', second] = raw
    .split('\n', 20)
    .map((line) => line.trim())
    .filter(Boolean);
  const headline = second !== undefined && KNOWN_SECTIONS.has(first.toLowerCase()) ? second : first;
  return headline.length > 80 ? `${headline.slice(0, 79)}…` : headline;
}
