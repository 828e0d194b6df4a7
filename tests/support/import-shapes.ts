/**
 * Copy whose shape has made extraction slow (issue #13): pasted tables of capitalised words, a
 * quote that never closes, thousands of attributed fragments, and mixes of them. Each builder
 * returns text of about `bytes` bytes; the unit test compares the work at two sizes, the
 * benchmark imports them while readers read.
 */
export interface ImportShape {
  name: string;
  build: (bytes: number) => string;
}

const HEADLINE = 'Council publishes the minutes of its annual meeting\n\n';

const GIVEN = ['Anna', 'Bello', 'Carmen', 'Dmitri', 'Elena', 'Farid', 'Grace', 'Hiroshi', 'Ines', 'Jonas', 'Kwame', 'Lucia'];
const FAMILY = ['Okafor', 'Lindqvist', 'Moreau', 'Petrov', 'Santos', 'Nakamura', 'Byrne', 'Mensah', 'Kowalski', 'Haddad'];
const WORDS = ['Budget', 'Committee', 'Report', 'North', 'Harbour', 'Street', 'Annual', 'Review', 'River', 'Trust', 'Board', 'Council'];

/** A deterministic sequence, so both sizes of a shape are the same text at different lengths. */
function cycle<T>(items: readonly T[], index: number, stride = 1): T {
  return items[(index * stride) % items.length];
}

function repeatTo(bytes: number, piece: (index: number) => string, joiner = ''): string {
  const parts: string[] = [];
  let length = 0;
  for (let index = 0; length < bytes; index += 1) {
    const part = piece(index);
    parts.push(part);
    length += part.length + joiner.length;
  }
  return parts.join(joiner);
}

/** The headline and a body, `bytes` bytes of UTF-8 in all. */
function body(bytes: number, piece: (index: number) => string, joiner = ''): string {
  const text = HEADLINE + repeatTo(bytes - HEADLINE.length, piece, joiner);
  // Cut at a byte count; a character cut in two is dropped.
  return Buffer.from(text)
    .subarray(0, bytes)
    .toString('utf8')
    .replace(/\ufffd$/u, '');
}

const SYLLABLES = ['ba', 'ko', 'mi', 'ra', 'te', 'lu', 'no', 'si', 'da', 've', 'gor', 'lin', 'san', 'tal', 'mer', 'dov'];
/** The index-th of many made-up names: "Bako", "Mirate", …, each different. */
function uniqueName(index: number, syllables = 3): string {
  let name = '';
  for (let rest = index, count = 0; count < syllables; count += 1, rest = Math.floor(rest / SYLLABLES.length)) {
    name += SYLLABLES[rest % SYLLABLES.length];
  }
  return name[0].toUpperCase() + name.slice(1);
}

export const importShapes: ImportShape[] = [
  {
    // A pasted table or index: one paragraph of capitalised words, no sentence ends, a comma now and then.
    name: 'capitalised words',
    build: (bytes) => body(bytes, (i) => `${cycle(WORDS, i, 5)} ${cycle(GIVEN, i, 7)}${i % 2 ? ',' : ''}`, ' '),
  },
  {
    // Names, capitalised words and commas: a list after "including" that never ends.
    name: 'one long list of names',
    build: (bytes) => body(bytes, (i) => `${i === 0 ? 'The guests included ' : ''}${cycle(GIVEN, i)} ${cycle(FAMILY, i, 3)}`, ', '),
  },
  {
    // An opening quotation mark that never closes, over ordinary sentences that name people.
    name: 'quote never closes',
    build: (bytes) =>
      body(
        bytes,
        (i) => `${i === 0 ? '"' : ''}${cycle(GIVEN, i)} ${cycle(FAMILY, i, 3)} told the meeting that he would not go. He said it twice. `,
      ),
  },
  {
    // Thousands of attributed fragments in one paragraph, each resolving "he" backwards.
    name: 'said fragments',
    build: (bytes) => body(bytes, () => '"a," he said. '),
  },
  {
    // The same, one per paragraph, each with its own named speaker.
    name: 'quote per paragraph',
    build: (bytes) => body(bytes, (i) => `"We will look at it," said ${cycle(GIVEN, i)} ${cycle(FAMILY, i, 3)}.`, '\n\n'),
  },
  {
    // A transcript: thousands of questions and labelled answers.
    name: 'transcript lines',
    build: (bytes) =>
      body(
        bytes,
        (i) =>
          i % 3 === 0
            ? `Q. What did ${cycle(GIVEN, i)} ${cycle(FAMILY, i, 3)} tell the committee about the budget?`
            : `${cycle(GIVEN, i).toUpperCase()} ${cycle(FAMILY, i, 3).toUpperCase()}: We ${i % 2 ? 'agree' : 'do not agree'} with the plan for the harbour.`,
        '\n\n',
      ),
  },
  {
    // Initials and abbreviations: sentence splitting looks back for "Mr." and "J." everywhere.
    name: 'initials and abbreviations',
    build: (bytes) =>
      body(bytes, (i) => `Mr. ${cycle(GIVEN, i).charAt(0)}. ${cycle(FAMILY, i)} met Dr. ${cycle(GIVEN, i, 5)} of the U.S. firm`, ' and '),
  },
  {
    // Thousands of different people sharing one given name, a paragraph each.
    name: 'many people, one given name',
    build: (bytes) => body(bytes, (i) => `John ${uniqueName(i, 4)} said the plan was good.`, '\n\n'),
  },
  {
    // Thousands of different people sharing one surname, each then named by it alone.
    name: 'many people, one surname',
    build: (bytes) => body(bytes, (i) => `${uniqueName(i, 4)} Smith said the plan was good. Smith added that it was cheap.`, '\n\n'),
  },
  {
    // Each name with a middle initial, then without it: a merge each.
    name: 'middle initials',
    build: (bytes) =>
      body(
        bytes,
        (i) =>
          `${uniqueName(i, 2)} K. ${uniqueName(i + 7)} said the plan was good.\n\n${uniqueName(i, 2)} ${uniqueName(i + 7)} said it again.`,
        '\n\n',
      ),
  },
  {
    // Han names (one word each) beside Latin surnames.
    name: 'Han and Latin names',
    build: (bytes) =>
      body(
        bytes,
        (i) =>
          i % 2
            ? `${[7, 13, 31].map((step) => String.fromCharCode(0x4e00 + ((i * step + step) % 20_000))).join('')} said the price rose.`
            : `${uniqueName(i)} said the price fell.`,
        '\n\n',
      ),
  },
  {
    // No spaces and no punctuation at all.
    name: 'one unbroken word',
    build: (bytes) => body(bytes, () => 'abcdefghij'),
  },
  {
    // All of the above in turn, a paragraph each.
    name: 'mixed shapes',
    build: (bytes) => {
      const others = importShapes.filter((shape) => shape.name !== 'mixed shapes');
      const chunk = Math.max(2_000, Math.floor(bytes / (others.length * 4)));
      return body(bytes, (i) => cycle(others, i).build(chunk).slice(HEADLINE.length), '\n\n');
    },
  },
];
