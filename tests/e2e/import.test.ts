import fs from 'node:fs';
import path from 'node:path';
import { EDITOR_KEY, errorCode, operation, startTestGateway, type TestGateway } from '../support/test-gateway';

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'import');
const fixture = (name: string) => fs.readFileSync(path.join(FIXTURES, `${name}.txt`), 'utf8');
const asEditor = { authorization: `Bearer ${EDITOR_KEY}` };

type ImportVariables = { input: { text: string; section?: string; sourceUrl?: string } };

interface ImportData {
  importArticle: {
    created: boolean;
    warnings: string[];
    article: {
      id: string;
      slug: string;
      headline: string;
      section: string;
      publishedAt: string;
      sourceUrl: string | null;
      image: { credit: string | null } | null;
      people: { name: string; description: string | null }[];
      quotes: { text: string; speaker: { name: string } | null }[];
      rating: { votes: number };
    };
  };
}
const IMPORT = operation<ImportData, ImportVariables>(`mutation($input: ImportArticleInput!) {
  importArticle(input: $input) {
    created warnings
    article { id slug headline section publishedAt sourceUrl image { credit } people { name description } quotes { text speaker { name } } rating { votes } }
  }
}`);
interface PreviewData {
  previewImport: {
    headline: string;
    section: string;
    publishedAt: string;
    imageCredit: string | null;
    paragraphs: string[];
    warnings: string[];
    people: { name: string; description: string | null; role: 'MENTIONED' | 'QUOTED' }[];
    quotes: { text: string; speakerName: string | null; attribution: string; paragraphIndex: number }[];
  };
}
const PREVIEW = operation<PreviewData, ImportVariables>(`query($input: ImportArticleInput!) {
  previewImport(input: $input) {
    headline section publishedAt imageCredit paragraphs warnings
    people { name description role }
    quotes { text speakerName attribution paragraphIndex }
  }
}`);

const RATE = operation<{ rateArticle: { rating: { votes: number } } }, { id: string }>(
  'mutation($id: ID!) { rateArticle(input: { articleId: $id, stars: 5 }) { rating { votes } } }',
);

type Totals = { totalCount: number };
const TERESA = operation<{ person: { description: string | null; quotes: Totals; articles: Totals } | null }>(
  '{ person(slug: "teresa-okonkwo") { description quotes { totalCount } articles { totalCount } } }',
);
const KADYROV = operation<{ person: { description: string | null; articles: Totals; quotes: Totals } | null }>(
  '{ person(slug: "ramzan-kadyrov") { description articles { totalCount } quotes { totalCount } } }',
);
const BRANDT = operation<{ person: { description: string | null; articles: Totals } | null }>(
  '{ person(slug: "ilse-brandt") { description articles { totalCount } } }',
);
const ANA_LIMA = operation<{ person: { articles: Totals; quotes: Totals } | null }>(
  '{ person(slug: "ana-lima") { articles(first: 50) { totalCount } quotes(first: 50) { totalCount } } }',
);

describe('importArticle and previewImport', () => {
  let server: TestGateway;
  beforeEach(async () => {
    server = await startTestGateway();
  });
  afterEach(() => server.close());

  // Number(): PostgreSQL's COUNT is a bigint, which its driver gives as a string.
  const count = async (table: string) => Number((await server.gateway.dataSource.query(`SELECT COUNT(*) AS n FROM ${table}`))[0].n);
  const counts = async () => ({
    article: await count('article'),
    person: await count('person'),
    quote: await count('quote'),
    mention: await count('mention'),
  });

  it('imports copy as an article with its people and attributed quotes', async () => {
    const { importArticle } = await server.executeData(IMPORT, { input: { text: fixture('wire-port-strike') } }, asEditor);
    expect(importArticle.created).toBe(true);
    expect(importArticle.article).toMatchObject({
      slug: 'dockworkers-extend-strike-as-talks-stall-at-harbor-authority',
      section: 'News',
      publishedAt: '2026-01-30T12:10:00.000Z',
    });
    expect(importArticle.article.people.map((person) => person.name)).toEqual([
      'Teresa Okonkwo',
      'Malcolm Reyes',
      'Dana Whitfield',
      'Priya Raman',
    ]);
    expect(importArticle.article.quotes).toHaveLength(6);
    expect(importArticle.article.quotes[2]).toEqual({
      text: 'That offer is the most generous in the history of this port',
      speaker: { name: 'Malcolm Reyes' },
    });
    // Queryable at once, "who said what" included.
    const { person } = await server.executeData(TERESA);
    expect(person).toEqual({
      description: 'president of the International Dock Workers Local 333',
      quotes: { totalCount: 2 },
      articles: { totalCount: 1 },
    });
  });

  it('files the article under the section given, else the copy’s, else "News"', async () => {
    const given = await server.executeData(IMPORT, { input: { text: fixture('science-according-to'), section: 'Environment' } }, asEditor);
    expect(given.importArticle.article.section).toBe('Environment');
    const fromCopy = await server.executeData(IMPORT, { input: { text: fixture('curly-tech-layoffs') } }, asEditor);
    expect(fromCopy.importArticle.article.section).toBe('Technology');
    expect(fromCopy.importArticle.article.image).toEqual({ credit: 'Brightwave Inc.' });
  });

  it('previews the extraction without writing anything', async () => {
    const before = await counts();
    const { previewImport } = await server.executeData(PREVIEW, { input: { text: fixture('unnamed-sources-ceasefire') } }, asEditor);
    expect(previewImport.headline).toBe('Ceasefire Talks Resume in Geneva Amid Doubts Over Monitoring');
    expect(previewImport.publishedAt).toBe('2026-01-30T00:00:00.000Z');
    expect(previewImport.people).toEqual([{ name: 'Rosa Almeida', description: 'UN special envoy', role: 'QUOTED' }]);
    expect(previewImport.quotes.map((quote) => quote.speakerName)).toEqual([null, 'Rosa Almeida', 'Rosa Almeida', null]);
    expect(previewImport.warnings).toContain('2 quotes have no named speaker.');
    expect(await counts()).toEqual(before);
  });

  it('updates the same article in place on re-import, keeping its votes and adding no duplicates', async () => {
    const text = fixture('several-speakers-football');
    const first = await server.executeData(IMPORT, { input: { text } }, asEditor);
    const articleId = first.importArticle.article.id;
    await server.executeData(RATE, { id: articleId }, { 'x-voter-id': 'loyal-reader-1' });
    const before = await counts();

    const again = await server.executeData(IMPORT, { input: { text } }, asEditor);
    expect(again.importArticle.created).toBe(false);
    expect(again.importArticle.article.id).toBe(articleId);
    expect(again.importArticle.article.rating.votes).toBe(1);
    expect(await counts()).toEqual(before);
  });

  it('matches a re-import by sourceUrl even when the headline changed', async () => {
    const sourceUrl = 'https://example.com/news/coral-reefs';
    const text = fixture('science-according-to');
    const first = await server.executeData(IMPORT, { input: { text, sourceUrl } }, asEditor);
    const corrected = text.replace('Recovering Faster Than Expected', 'Recover Faster Than Expected');
    const second = await server.executeData(IMPORT, { input: { text: corrected, sourceUrl } }, asEditor);
    expect(second.importArticle).toMatchObject({ created: false, article: { id: first.importArticle.article.id, sourceUrl } });
    expect(second.importArticle.article.headline).toBe('Study Finds Coral Reefs Recover Faster Than Expected in Eastern Pacific');
    expect(await count('article')).toBe(2); // the seed and this one
  });

  it('keeps one Person per name across articles and adds a description where none was known', async () => {
    await server.executeData(
      IMPORT,
      { input: { text: 'Talks Continue\n\nRamzan Kadyrov was seen in Grozny. "We are ready," Kadyrov said.' } },
      asEditor,
    );
    const { person } = await server.executeData(KADYROV);
    expect(person).toEqual({ description: 'leader of Chechnya', articles: { totalCount: 2 }, quotes: { totalCount: 3 } });
    expect(
      Number((await server.gateway.dataSource.query(`SELECT COUNT(*) AS n FROM person WHERE normalized_name = 'ramzan kadyrov'`))[0].n),
    ).toBe(1);

    await server.executeData(
      IMPORT,
      {
        input: { text: 'New Envoy Named\n\nThe government named Ilse Brandt, a former diplomat, as envoy. "I am honoured," Brandt said.' },
      },
      asEditor,
    );
    await server.executeData(
      IMPORT,
      { input: { text: 'Envoy Arrives\n\nIlse Brandt arrived on Monday. "Let us begin," Brandt said.' } },
      asEditor,
    );
    const { person: brandt } = await server.executeData(BRANDT);
    expect(brandt).toEqual({ description: 'former diplomat', articles: { totalCount: 2 } });
  });

  it.each([
    ['empty text', '   ', /empty/],
    ['no headline', `${'word '.repeat(50)}\n\nBody text.`, /no headline/],
    ['no body', 'Just A Headline', /no body/],
    ['binary data', 'PK\u0003\u0004\u0000\u0000binary', /binary/],
    ['text over 1 MB', `Big Story\n\n${'a'.repeat(1024 * 1024)}`, /1 MB/],
  ])('rejects %s with BAD_USER_INPUT and writes nothing', async (_name, text, problem) => {
    const before = await counts();
    const result = await server.execute(IMPORT, { input: { text } }, asEditor);
    expect(errorCode(result)).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0].message).toMatch(problem);
    expect(await counts()).toEqual(before);
  });

  it('rejects a sourceUrl that is not an http(s) URL', async () => {
    const result = await server.execute(
      IMPORT,
      { input: { text: fixture('wire-port-strike'), sourceUrl: 'javascript:alert(1)' } },
      asEditor,
    );
    expect(errorCode(result)).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0].message).toMatch(/sourceUrl/);
  });

  it('requires an editor key: none is UNAUTHENTICATED, a wrong one FORBIDDEN, and nothing is written', async () => {
    const before = await counts();
    const input = { text: fixture('wire-port-strike') };
    expect(errorCode(await server.execute(IMPORT, { input }))).toBe('UNAUTHENTICATED');
    expect(errorCode(await server.execute(IMPORT, { input }, { authorization: 'Basic dXNlcjpwYXNz' }))).toBe('UNAUTHENTICATED');
    expect(errorCode(await server.execute(IMPORT, { input }, { authorization: 'Bearer not-the-right-key-at-all' }))).toBe('FORBIDDEN');
    expect(errorCode(await server.execute(PREVIEW, { input }))).toBe('UNAUTHENTICATED');
    expect(errorCode(await server.execute(PREVIEW, { input }, { authorization: `Bearer ${EDITOR_KEY}x` }))).toBe('FORBIDDEN');
    // Authentication is checked before the input: a bad input without a key still says UNAUTHENTICATED.
    expect(errorCode(await server.execute(IMPORT, { input: { text: fixture('wire-port-strike'), sourceUrl: 'nope' } }))).toBe(
      'UNAUTHENTICATED',
    );
    expect(await counts()).toEqual(before);
  });

  it('accepts any of several configured keys, and refuses every import when none is configured', async () => {
    const keys = ['first-editor-key-000000', 'second-editor-key-11111'];
    const multi = await startTestGateway({ editorKeys: keys });
    const none = await startTestGateway({ editorKeys: [] });
    try {
      for (const key of keys) {
        const result = await multi.execute(PREVIEW, { input: { text: fixture('wire-port-strike') } }, { authorization: `Bearer ${key}` });
        expect(result.errors).toBeUndefined();
      }
      const refused = await none.execute(
        PREVIEW,
        { input: { text: fixture('wire-port-strike') } },
        { authorization: `Bearer ${EDITOR_KEY}` },
      );
      expect(errorCode(refused)).toBe('FORBIDDEN');
      expect(refused.errors?.[0].message).toMatch(/NEWSGATE_EDITOR_KEYS/);
      // Without any key too: no key could help, so it says importing is off rather than asking for one.
      const keyless = await none.execute(PREVIEW, { input: { text: fixture('wire-port-strike') } });
      expect(errorCode(keyless)).toBe('FORBIDDEN');
      expect(keyless.errors?.[0].message).toMatch(/switched off/);
    } finally {
      await multi.close();
      await none.close();
    }
  });

  it('imports concurrently without failing or losing an article', async () => {
    const texts = Array.from(
      { length: 12 },
      (_, index) => `Concurrent Story ${index}\n\nReporter Ana Lima wrote story ${index}. "Number ${index} is in," Lima said.`,
    );
    const results = await Promise.all(texts.map((text) => server.execute(IMPORT, { input: { text } }, asEditor)));
    expect(results.filter((result) => result.errors)).toEqual([]);
    expect(await count('article')).toBe(13);
    const { person } = await server.executeData(ANA_LIMA);
    expect(person).toEqual({ articles: { totalCount: 12 }, quotes: { totalCount: 12 } });
  });

  it('stores an article naming thousands of people in a few statements, and finds them again in the next', async () => {
    const syllables = ['ba', 'ko', 'mi', 'ra', 'te', 'lu', 'no', 'si', 'da', 've', 'gor', 'lin', 'san'];
    const given = (index: number) => {
      const word = [index % 13, Math.floor(index / 13) % 13, Math.floor(index / 169) % 13].map((at) => syllables[at]).join('');
      return word[0].toUpperCase() + word.slice(1);
    };
    const names = Array.from({ length: 1_500 }, (_, index) => `${given(index)} Quist`);
    const paragraphs = names.map((name) => `${name} said the plan was good.`);
    const before = await count('person');
    server.gateway.queryCounter.reset();
    const first = await server.executeData(IMPORT, { input: { text: `Guest list published\n\n${paragraphs.join('\n\n')}` } }, asEditor);
    expect(first.importArticle.article.people).toHaveLength(1_500);
    expect(await count('person')).toBe(before + 1_500);
    // Per batch of names, not per name (which took 4,500 statements).
    expect(server.gateway.queryCounter.statements).toBeLessThan(120);

    const second = await server.executeData(
      IMPORT,
      { input: { text: `Guest list again\n\n${paragraphs.reverse().join('\n\n')}` } },
      asEditor,
    );
    expect(second.importArticle.created).toBe(true);
    expect(await count('person')).toBe(before + 1_500);
    expect(await count('mention')).toBeGreaterThanOrEqual(3_000);
  });

  it('stores an article with more quotes than one SQL statement can carry values for', async () => {
    // 12,000 attributed fragments: more values than SQLite takes in one statement (32,766; 7,000 quotes still fit).
    const text = `Transcript of the hearing\n\n${'"Yes," he said. '.repeat(12_000)}`;
    const result = await server.executeData(IMPORT, { input: { text } }, asEditor);
    expect(result.importArticle.created).toBe(true);
    expect(await count('quote')).toBeGreaterThanOrEqual(12_000);
    const positions = await server.gateway.dataSource.query(
      'SELECT MIN(position) AS low, MAX(position) AS high, COUNT(*) AS n FROM quote WHERE article_id = (SELECT MAX(id) FROM article)',
    );
    expect(positions.map((row: Record<string, unknown>) => ({ low: Number(row.low), high: Number(row.high), n: Number(row.n) }))).toEqual([
      { low: 0, high: 11_999, n: 12_000 },
    ]);
  });
});
