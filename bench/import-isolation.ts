/**
 * Issue #13, measured by `npm run bench`: readers' front-page latency while editors import, and
 * extraction time for the slow shapes of copy.
 */
import autocannon from 'autocannon';
import { extractArticle } from '../src/modules/import/article.extractor';
import { variedCopies } from '../tests/support/extraction-score';
import { importShapes } from '../tests/support/import-shapes';

const IMPORT = 'mutation($input: ImportArticleInput!) { importArticle(input: $input) { created } }';
/** Imports in flight at once: more than one worker can take, so the pool always has work waiting. */
const IMPORTS_IN_FLIGHT = 3;
const SHAPE_BYTES = 150_000;

export interface ReaderLatency {
  connections: number;
  quietP50ms: number;
  quietP99ms: number;
  duringImportP50ms: number;
  duringImportP99ms: number;
  /** During-import p99 over quiet p99 (issue #13's target: at most 1.5). */
  p99Ratio: number;
  readsDuringImport: number;
  articlesImported: number;
  importsRefused: Record<string, number>;
  importSeconds: number;
}

/**
 * The front page read at `connections` for `seconds` with no imports (quiet), then read again for
 * as long as `articles` generated articles and every slow shape at 150 kB are imported through the
 * API, IMPORTS_IN_FLIGHT at a time.
 */
export async function readersDuringImports(options: {
  url: string;
  editorKey: string;
  query: string;
  connections: number;
  seconds: number;
  articles: number;
}): Promise<ReaderLatency> {
  const read = {
    url: options.url,
    method: 'POST' as const,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: options.query }),
  };
  const quiet = await autocannon({ ...read, connections: options.connections, duration: options.seconds });

  // Every imported article carries an old date line (put right after its headline, so it is the
  // publication date), so that none lands on the front page the readers read: the page stays the
  // same, and what changes is only that imports run. (An article of 10,000 quotes on the front
  // page would make every read return 10,000 quotes: a cost of that page, not of importing.)
  const dated = (text: string) => text.replace(/^([^\n]+)/u, '$1\nJanuary 5, 2001');
  const copies = variedCopies(options.articles).map(dated);
  // The slow shapes spread through the batch, each with its own headline.
  importShapes.forEach((shape, index) => {
    const text = dated(shape.build(SHAPE_BYTES).replace(/^[^\n]+/u, `Slow shape ${index + 1}: ${shape.name}`));
    copies.splice(Math.round(((index + 1) * copies.length) / (importShapes.length + 1)), 0, text);
  });
  // The callback form returns the instance, which stops when the imports are done.
  let finished!: (result: autocannon.Result) => void;
  let failed!: (error: unknown) => void;
  const readersDone = new Promise<autocannon.Result>((resolve, reject) => ([finished, failed] = [resolve, reject]));
  const readers = autocannon({ ...read, connections: options.connections, duration: 3_600 }, (error, result) =>
    error ? failed(error) : finished(result),
  );
  const refused: Record<string, number> = {};
  let imported = 0;
  const started = performance.now();
  const queue = [...copies];
  await Promise.all(
    Array.from({ length: IMPORTS_IN_FLIGHT }, async () => {
      for (let text = queue.shift(); text !== undefined; text = queue.shift()) {
        const response = await fetch(options.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${options.editorKey}` },
          body: JSON.stringify({ query: IMPORT, variables: { input: { text } } }),
        });
        const body = (await response.json()) as { errors?: { extensions?: { code?: string } }[] };
        const code = body.errors?.[0]?.extensions?.code;
        if (code) refused[code] = (refused[code] ?? 0) + 1;
        else imported += 1;
      }
    }),
  );
  const importSeconds = (performance.now() - started) / 1000;
  readers.stop();
  const during = await readersDone;
  return {
    connections: options.connections,
    quietP50ms: quiet.latency.p50,
    quietP99ms: quiet.latency.p99,
    duringImportP50ms: during.latency.p50,
    duringImportP99ms: during.latency.p99,
    p99Ratio: Number((during.latency.p99 / quiet.latency.p99).toFixed(2)),
    readsDuringImport: during.requests.total,
    articlesImported: imported,
    importsRefused: refused,
    importSeconds: Number(importSeconds.toFixed(1)),
  };
}

/** Extraction time of each slow shape at 150 kB and at 1 MB (the largest article accepted), in this process. */
export function extractionTimes(): { shape: string; ms150kB: number; ms1MB: number }[] {
  extractArticle({ text: variedCopies(1)[0] }); // load the lexicons first
  const time = (text: string) => {
    const started = performance.now();
    extractArticle({ text });
    return Math.round(performance.now() - started);
  };
  return importShapes.map((shape) => ({
    shape: shape.name,
    ms150kB: time(shape.build(SHAPE_BYTES)),
    ms1MB: time(shape.build(1024 * 1024)),
  }));
}
