import { normalizePersonName } from '../../src/modules/person/person-name';
import { slugify, uniqueSlug } from '../../src/shared/slug';

describe('slugify', () => {
  it.each([
    ['Russia Invites Ukraine President Zelensky for Peace Talks', 'russia-invites-ukraine-president-zelensky-for-peace-talks'],
    ['Ramzan Kadyrov', 'ramzan-kadyrov'],
    ['Kyïv’s mayor: “We’re ready”', 'kyivs-mayor-were-ready'],
    ['Straße & Œuvre — Łódź, Ørsted', 'strasse-oeuvre-lodz-orsted'],
    ['  --Hello,   World!--  ', 'hello-world'],
    ['??!!', 'untitled'],
    ['В Новосибирске без тепла остались 40 домов', 'v-novosibirske-bez-tepla-ostalis-40-domov'],
    ['Σπύρος Κατσαρός', 'spyros-katsaros'],
    ['李强 visits Paris', 'li-qiang-visits-paris'],
  ])('%p -> %p', (text, slug) => {
    expect(slugify(text)).toBe(slug);
  });

  it('cuts long headlines at a word boundary', () => {
    const slug = slugify('word '.repeat(100));
    expect(slug.length).toBeLessThanOrEqual(120);
    expect(slug.endsWith('-')).toBe(false);
    expect(slug.split('-').every((word) => word === 'word')).toBe(true);
  });

  it('adds the first free numeric suffix when a slug is taken', async () => {
    const taken = new Set(['peace-talks', 'peace-talks-2']);
    expect(await uniqueSlug('peace-talks', async (candidate) => taken.has(candidate))).toBe('peace-talks-3');
    expect(await uniqueSlug('other', async (candidate) => taken.has(candidate))).toBe('other');
  });
});

describe('normalizePersonName', () => {
  it('makes spellings of the same full name one key', () => {
    expect(normalizePersonName('Volodymyr  Zelénsky')).toBe('volodymyr zelensky');
    expect(normalizePersonName('VOLODYMYR ZELENSKY')).toBe('volodymyr zelensky');
    expect(normalizePersonName('Martin Luther King Jr.')).toBe('martin luther king jr');
    expect(normalizePersonName('Volodymyr Zelensky')).not.toBe(normalizePersonName('Oleksandr Zelensky'));
  });
});
