import { extractArticle } from '../../src/modules/import/article.extractor';
import { importShapes } from '../support/import-shapes';
import { EDITOR_KEY, errorCode, operation, startTestGateway, type TestGateway } from '../support/test-gateway';

/**
 * Issue #13: extraction runs in worker threads, so readers are served while an article is being
 * read, and each article has a time budget past which nothing is stored.
 */
const asEditor = { authorization: `Bearer ${EDITOR_KEY}` };
const IMPORT = `mutation($input: ImportArticleInput!) { importArticle(input: $input) { created article { headline quotes { text } } } }`;
const PREVIEW = operation<{ previewImport: { headline: string } }, { input: { text: string } }>(
  'query($input: ImportArticleInput!) { previewImport(input: $input) { headline } }',
);
const FRONT_PAGE = '{ articles(first: 20) { edges { node { headline people { name } rating { votes } } } } }';
const ORDINARY = 'Council approves harbour budget\n\n"We will build it," said Mayor Anna Okafor on Tuesday.';
const LIST_OF_NAMES = importShapes.find((shape) => shape.name === 'one long list of names')!;
/** About 1.5 s of extraction here: long enough to read the front page many times meanwhile. */
const SLOW_COPY = LIST_OF_NAMES.build(600_000);
/** About 2.6 s (the largest article accepted): well past a 1 s budget, even on a fast machine. */
const SLOWEST_COPY = LIST_OF_NAMES.build(1024 * 1024);

describe('imports off the request thread', () => {
  let server: TestGateway;
  afterEach(() => server?.close());

  it('answers readers while a long article is extracted', async () => {
    server = await startTestGateway();
    // Warm the worker up, so the slow import below spends its time extracting.
    await server.data(IMPORT, { input: { text: ORDINARY } }, asEditor);
    let importing = true;
    const imported = server.data(IMPORT, { input: { text: SLOW_COPY } }, asEditor).finally(() => {
      importing = false;
    });
    let readsDuringImport = 0;
    while (importing) {
      const page = await server.gql(FRONT_PAGE);
      expect(page.errors).toBeUndefined();
      if (importing) readsDuringImport += 1;
    }
    const result = (await imported) as { importArticle: { created: boolean } };
    expect(result.importArticle.created).toBe(true);
    // On the request thread the import would hold the event loop: no read could finish before it did.
    expect(readsDuringImport).toBeGreaterThanOrEqual(3);
  });

  it('stops an extraction past IMPORT_TIMEOUT_MS, names the article, stores nothing, and imports the next article', async () => {
    server = await startTestGateway({ imports: { workers: 1, timeoutMs: 1_000 } });
    const count = async () => Number((await server.gateway.dataSource.query('SELECT COUNT(*) AS n FROM article'))[0].n);
    const before = await count();
    const response = await server.execute(IMPORT, { input: { text: SLOWEST_COPY } }, asEditor);
    expect(errorCode(response)).toBe('IMPORT_TIMEOUT');
    expect(response.errors![0].message).toContain('"Council publishes the minutes of its annual meeting"');
    expect(response.errors![0].extensions).toMatchObject({
      article: 'Council publishes the minutes of its annual meeting',
      timeoutMs: 1_000,
    });
    expect(response.data).toBeNull();
    expect(await count()).toBe(before);

    const preview = await server.execute(PREVIEW, { input: { text: SLOWEST_COPY } }, asEditor);
    expect(errorCode(preview)).toBe('IMPORT_TIMEOUT');

    // A new worker takes the next article.
    const next = (await server.data(IMPORT, { input: { text: ORDINARY } }, asEditor)) as {
      importArticle: { article: { quotes: { text: string }[] } };
    };
    expect(next.importArticle.article.quotes).toEqual([{ text: 'We will build it' }]);
    expect(await count()).toBe(before + 1);
  });

  it('queues articles for the workers without timing out those waiting their turn', async () => {
    // The budget is four times one article's extraction here and now (so a busy machine does not
    // time articles out), and the queue holds twice the budget's worth: the last ones wait past it.
    const shape = importShapes.find((candidate) => candidate.name === 'said fragments')!;
    extractArticle({ text: shape.build(20_000) });
    const started = performance.now();
    extractArticle({ text: shape.build(150_000) });
    const oneArticleMs = performance.now() - started;
    const timeoutMs = Math.max(1_000, Math.ceil(4 * oneArticleMs));
    server = await startTestGateway({ imports: { workers: 1, timeoutMs } });
    const copies = Array.from({ length: Math.ceil((2 * timeoutMs) / oneArticleMs) + 1 }, (_, index) =>
      shape.build(150_000).replace('Council publishes', `Council ${index} publishes`),
    );
    const results = await Promise.all(copies.map((text) => server.gql(IMPORT, { input: { text } }, asEditor)));
    expect(results.map((result) => result.errors)).toEqual(copies.map(() => undefined));
    const headlines = results.map(
      (result) => (result.data as { importArticle: { article: { headline: string } } }).importArticle.article.headline,
    );
    expect(new Set(headlines).size).toBe(copies.length);
  });
});
