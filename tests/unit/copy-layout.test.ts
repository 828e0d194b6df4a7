import fs from 'node:fs';
import path from 'node:path';
import { copyLabel } from '../../src/modules/import/copy-label';
import { parseCopyLayout, parseDateLine, splitGluedSection } from '../../src/modules/import/copy-layout.parser';
import { ImportInputError } from '../../src/modules/import/import-errors';

// The seed copy the project ships (src/modules/import/seed/), so the suite needs nothing outside the repository.
const SEED = fs.readFileSync(path.join(__dirname, '..', '..', 'src', 'modules', 'import', 'seed', 'russia-invites-zelensky.txt'), 'utf8');

describe('parseCopyLayout', () => {
  it('reads the seed layout: glued section, date, repeated headline, image credit, furniture', () => {
    const layout = parseCopyLayout(SEED);
    expect(layout.headline).toBe('Russia Invites Ukraine President Zelensky for Peace Talks');
    expect(layout.section).toBe('Top Stories');
    expect(layout.publishedAt?.toISOString()).toBe('2026-01-30T07:10:00.000Z');
    expect(layout.imageCredit).toBe('Tribuneonlineng.com');
    expect(layout.paragraphs).toHaveLength(6);
    expect(layout.paragraphs[0]).toMatch(/^On Thursday, the Kremlin announced/);
    expect(layout.paragraphs[5]).toMatch(/^"I think the war/);
    expect(layout.warnings).toEqual([]);
  });

  it('reads plain copy: headline, optional date, blank line, paragraphs', () => {
    const layout = parseCopyLayout('Bridge Reopens After Repairs\n\nThe bridge reopened on Monday.\n\nTraffic was light.\n');
    expect(layout).toMatchObject({ headline: 'Bridge Reopens After Repairs', section: null, publishedAt: null, imageCredit: null });
    expect(layout.paragraphs).toEqual(['The bridge reopened on Monday.', 'Traffic was light.']);
    expect(layout.warnings).toEqual([expect.stringMatching(/No date line/)]);
  });

  it('joins hard-wrapped lines of a paragraph and accepts Windows line endings', () => {
    const layout = parseCopyLayout('Headline Here\r\n2026-01-30\r\n\r\nFirst line\r\nsecond line.\r\n\r\nNext.');
    expect(layout.paragraphs).toEqual(['First line second line.', 'Next.']);
    expect(layout.publishedAt?.toISOString()).toBe('2026-01-30T00:00:00.000Z');
  });

  it('reads copy written one paragraph a line, without blank lines', () => {
    const first = 'The council approved the new budget on Tuesday after a debate that lasted more than five hours in the chamber.';
    const second = '"This is the hardest budget I have ever presented," the finance chair said as members filed out of the room.';
    const layout = parseCopyLayout(`Council Approves Budget\n${first}\n${second}\nRate This Article`);
    expect(layout.paragraphs).toEqual([first, second]);
  });

  it('takes a section printed on its own line above the headline', () => {
    const layout = parseCopyLayout('Business\nMarkets Rally on Rate Cut Hopes\n3 March 2026\n\nShares rose.');
    expect(layout).toMatchObject({ section: 'Business', headline: 'Markets Rally on Rate Cut Hopes', paragraphs: ['Shares rose.'] });
    expect(layout.publishedAt?.toISOString()).toBe('2026-03-03T00:00:00.000Z');
  });

  it('skips a byline and takes a photo credit in any of the usual forms', () => {
    for (const credit of [
      'Photograph: Jane Roe/Reuters',
      'Photo: Jane Roe/Reuters',
      '(Photo by Jane Roe/Reuters)',
      'Image credit: Jane Roe/Reuters',
    ]) {
      const layout = parseCopyLayout(`Storm Hits Coast\nBy Sam Writer\n${credit}\n\nWaves rose.`);
      expect(layout.imageCredit).toBe('Jane Roe/Reuters');
      expect(layout.paragraphs).toEqual(['Waves rose.']);
    }
  });

  it('reads bylines as newsrooms write them, a standfirst and a caption credit, and stops at the body', () => {
    const layout = parseCopyLayout(
      [
        'Wait list for surgery grows in the valley',
        'Health authority says it is recruiting, but patients say they are running out of options',
        'Jordan Tavares · CBC News ·',
        'Posted: Jan 15, 2027 4:00 AM PST | Last Updated: January 15',
        'Sarah Lee at her home in Abbotsford. Marta Kühnel for CBC',
        '',
        'For 19 months, a woman has been waiting for the surgery her doctors say she needs.',
        '',
        '— With assistance from Sofia Gallo',
        '',
        'With files from Joanne Whitfield-Ng',
      ].join('\n'),
    );
    expect(layout.standfirst).toBe('Health authority says it is recruiting, but patients say they are running out of options');
    expect(layout.publishedAt?.toISOString()).toBe('2027-01-15T12:00:00.000Z');
    expect(layout.imageCredit).toBe('Marta Kühnel for CBC');
    expect(layout.paragraphs).toEqual(['For 19 months, a woman has been waiting for the surgery her doctors say she needs.']);
    for (const byline of [
      'By: Kelsey Marchbanks',
      'By Marcus Delacroix | mdelacroix@harborledger.com',
      'Priya Raghunathan',
      'Express News Service',
    ]) {
      expect(parseCopyLayout(`Storm Hits Coast\n${byline}\nJanuary 30, 2026 07:10\n\nWaves rose.`).publishedAt).not.toBeNull();
    }
  });

  it('takes summary bullets above the byline as the standfirst and skips header notes', () => {
    const layout = parseCopyLayout(
      [
        'Dynasty faces a data engineer in Khon Kaen',
        '',
        '• A former data engineer is trying to unseat a family that has held the seat since 1996',
        '• Analysts say a handful of constituencies will show whether old networks still deliver',
        'Tashi Wongsakul-Reyes',
        'Published: 7:00am, 20 Jun 2027',
        'Why you can trust SCMP',
        '',
        'On a sweltering afternoon, Pakorn Siriwattana stood on the back of a pickup truck.',
      ].join('\n'),
    );
    expect(layout.standfirst).toMatch(/^A former data engineer .* Analysts say /);
    expect(layout.publishedAt).not.toBeNull();
    expect(layout.paragraphs).toHaveLength(1);
  });

  it('looks ahead of a standfirst with the same line reading as the header itself', () => {
    const layout = parseCopyLayout(
      'Storm hits coast\nResidents say the warning came late\nBy Marcus Delacroix | md@ledger.com\n26.10.2026 | 13:45\n\nWaves rose.',
    );
    expect(layout.standfirst).toBe('Residents say the warning came late');
    expect(layout.publishedAt?.toISOString()).toBe('2026-10-26T13:45:00.000Z');
    expect(layout.paragraphs).toEqual(['Waves rose.']);
  });

  it('drops page furniture but keeps paragraphs that merely mention such words', () => {
    const layout = parseCopyLayout(
      [
        'Paper Launches Newsletter',
        '',
        'The paper said its new newsletter, which launches on Monday, would cover local politics in depth and be free for every reader who signs up before the end of the month.',
        '',
        'Share this article',
        '',
        'Advertisement',
        '',
        '© 2026 Example Media. All rights reserved.',
      ].join('\n'),
    );
    expect(layout.paragraphs).toHaveLength(1);
    expect(layout.paragraphs[0]).toMatch(/^The paper said its new newsletter/);
  });

  it.each([
    ['', /empty/],
    ['   \n\n  ', /empty/],
    ['Only A Headline', /no body/],
    [`${'word '.repeat(60)}\n\nBody.`, /no headline/],
    ['Head\u0000line\n\nBody', /binary/],
    ['x'.repeat(1024 * 1024 + 1), /1 MB/],
  ])('rejects bad input %#', (text, problem) => {
    expect(() => parseCopyLayout(text)).toThrow(ImportInputError);
    expect(() => parseCopyLayout(text)).toThrow(problem);
  });
});

describe('parseDateLine', () => {
  it.each([
    ['January 30, 2026 07:10', '2026-01-30T07:10:00.000Z'],
    ['30 January 2026', '2026-01-30T00:00:00.000Z'],
    ['Jan. 30, 2026 7:10 a.m.', '2026-01-30T07:10:00.000Z'],
    ['2026-01-30', '2026-01-30T00:00:00.000Z'],
    ['2026-01-30T07:10:00Z', '2026-01-30T07:10:00.000Z'],
    ['2026-01-30T09:10:00+02:00', '2026-01-30T07:10:00.000Z'],
    ['Friday 30 January 2026 14.05 GMT', '2026-01-30T14:05:00.000Z'],
    ['Jan 30, 2026, 7:10 AM EST', '2026-01-30T12:10:00.000Z'],
    ['Published: 30 Jan 2026 07:10 BST', '2026-01-30T06:10:00.000Z'],
    ['Updated 3:45 p.m. EST, Mon January 26, 2026', '2026-01-26T20:45:00.000Z'],
    ['ACCRA, Dec 10, 2025 (AFP) -', '2025-12-10T00:00:00.000Z'],
    ['Published 9:15 a.m. CT Jan. 12, 2026', '2026-01-12T15:15:00.000Z'],
    // Separators, dotted times, day-first numeric dates, and lines holding several stamps (the first wins).
    ['November 5, 2026 · 9:47 AM CET', '2026-11-05T08:47:00.000Z'],
    ['February 17, 2026 — 4.38pm AEDT', '2026-02-17T05:38:00.000Z'],
    ['17 December 2026 • 5:12pm', '2026-12-17T17:12:00.000Z'],
    ['26.10.2026 | 13:45', '2026-10-26T13:45:00.000Z'],
    ['Updated / Thursday, 19 Nov 2026 23:48', '2026-11-19T23:48:00.000Z'],
    ['Posted Tue 12 Jan 2027 at 4:31pm AEST, updated 6:05pm', '2027-01-12T06:31:00.000Z'],
    ['PUBLISHED: January 6, 2027 at 9:41 p.m. | UPDATED: January 7, 2027 at 6:15 a.m.', '2027-01-06T21:41:00.000Z'],
    ['Philippine Daily Inquirer / 05:14 AM March 11, 2027', '2027-03-11T05:14:00.000Z'],
    ['OCT. 14, 2026 5 PM CENTRAL', '2026-10-14T22:00:00.000Z'],
    ['Sanjay Bhosale / TNN / Updated: Jun 11, 2027, 04:12 IST', '2027-06-10T22:42:00.000Z'],
    // A dash after the prefix, a trailing place, outlet or reading time, and the original stamp after the update.
    ['Updated - September 18, 2028 09:41 pm IST - CHENNAI', '2028-09-18T16:11:00.000Z'],
    ['Monday September 18 2028, 12.01am, The Times', '2028-09-18T00:01:00.000Z'],
    ['Sun, September 17, 2028 at 7:48 PM EDT·3 min read', '2028-09-17T23:48:00.000Z'],
    ['Updated Sep 18, 2028, 1:47 pm EDT / Original Sep 18, 2028, 12:32 pm EDT', '2028-09-18T16:32:00.000Z'],
  ])('%p -> %p', (line, iso) => {
    expect(parseDateLine(line)?.toISOString()).toBe(iso);
  });

  it.each(['The talks began on January 30, 2026 in Geneva.', 'Monday', 'Peace Talks', 'Sign up for our newsletter'])(
    'is not fooled by %p',
    (line) => {
      expect(parseDateLine(line)).toBeNull();
    },
  );

  it('reads a zone-less time as UTC whatever the machine’s time zone', () => {
    const zone = process.env.TZ;
    process.env.TZ = 'America/New_York';
    try {
      expect(parseDateLine('January 30, 2026 07:10')?.toISOString()).toBe('2026-01-30T07:10:00.000Z');
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
  });
});

describe('splitGluedSection', () => {
  it.each([
    [
      'Russia Invites Ukraine President Zelensky for Peace TalksTop Stories',
      ['Russia Invites Ukraine President Zelensky for Peace Talks', 'Top Stories'],
    ],
    ["Manager Hails 'Character'SPORT", ["Manager Hails 'Character'", 'SPORT']],
    ['Brightwave to Cut 1,200 Jobs as AI Spending SurgesTechnology', ['Brightwave to Cut 1,200 Jobs as AI Spending Surges', 'Technology']],
  ])('%p', (line, expected) => {
    expect(splitGluedSection(line)).toEqual(expected);
  });

  it.each(['McDonald Opens New Store', 'Markets Rally as iPhone Sales Beat Forecasts', 'Ukraine Talks Resume'])(
    'leaves %p alone',
    (line) => {
      expect(splitGluedSection(line)).toBeNull();
    },
  );
});

describe('copyLabel', () => {
  it('names copy by its headline line, past a section line above it, in at most 80 characters', () => {
    expect(copyLabel('\n  Harbour plan approved  \n\nBody.')).toBe('Harbour plan approved');
    expect(copyLabel('World\nHarbour plan approved\n\nBody.')).toBe('Harbour plan approved');
    const long = copyLabel(`${'word '.repeat(40)}\n\nBody.`);
    expect(long).toHaveLength(80);
    expect(long.endsWith('…')).toBe(true);
  });
});
